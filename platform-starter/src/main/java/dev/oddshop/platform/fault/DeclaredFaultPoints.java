package dev.oddshop.platform.fault;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

/**
 * A service's fault points, as a bean: {@code @Bean DeclaredFaultPoints faultPoints() { return
 * DeclaredFaultPoints.in(CatalogFaultPoints.class); }}. The starter adds {@link FaultPoint#READINESS}.
 *
 * @param points the points
 */
public record DeclaredFaultPoints(List<FaultPoint> points) {

    public DeclaredFaultPoints {
        points = List.copyOf(points);
    }

    /** Every {@code static final FaultPoint} constant of {@code holder}: the class is the one list. */
    public static DeclaredFaultPoints in(Class<?> holder) {
        return new DeclaredFaultPoints(Arrays.stream(holder.getDeclaredFields())
                .filter(field -> field.getType() == FaultPoint.class
                        && Modifier.isStatic(field.getModifiers())
                        && Modifier.isFinal(field.getModifiers()))
                .map(DeclaredFaultPoints::value)
                .toList());
    }

    private static FaultPoint value(Field field) {
        try {
            field.setAccessible(true);
            return (FaultPoint) field.get(null);
        } catch (IllegalAccessException ex) {
            throw new IllegalStateException("Cannot read fault point " + field, ex);
        }
    }
}
