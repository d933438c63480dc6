package dev.oddshop.platform.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves and validates {@link CustomerId} parameters: missing or malformed is a 400. */
public class CustomerIdArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CustomerId.class;
    }

    @Override
    public CustomerId resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        String value = webRequest.getHeader(CustomerId.HEADER);
        if (value == null || !value.matches(CustomerId.PATTERN)) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "missing-customer",
                    "Header " + CustomerId.HEADER + " must name the customer: 1 to 64 letters, digits or ._@-");
        }
        return new CustomerId(value);
    }
}
