package dev.oddshop.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container sends to the error page itself (a TRACE it refuses, an error after
 * the response left Spring MVC) is problem details too, in place of Boot's error map.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus resolved = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        HttpStatus status = resolved == null ? HttpStatus.INTERNAL_SERVER_ERROR : resolved;
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemBody.of(
                        status,
                        ProblemTypes.kindOf(status),
                        status.getReasonPhrase(),
                        path == null ? request.getRequestURI() : path.toString()));
    }
}
