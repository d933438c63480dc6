package dev.oddshop.launcher;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One process of a service. The first keeps the service's own name and port; the n-th is
 * {@code <module>-n}, {@value #PORT_STRIDE} ports further per replica (8081, 8091, ... for catalog).
 */
public record ServiceInstance(ShopService service, int index) {

    public static final int PORT_STRIDE = 10;

    private static final Pattern NUMBERED = Pattern.compile("(.+)-([0-9]+)");

    public ServiceInstance {
        if (index < 1 || (index > 1 && !service.scalable())) {
            throw new IllegalArgumentException(service.module() + " has no instance " + index);
        }
    }

    /** The first instance of the service: the only one of a service that does not scale. */
    public static ServiceInstance first(ShopService service) {
        return new ServiceInstance(service, 1);
    }

    /** The instance a name of {@link #name()}'s form names; throws for any other name. */
    public static ServiceInstance named(String name) {
        Matcher numbered = NUMBERED.matcher(name);
        return numbered.matches()
                ? new ServiceInstance(ShopService.of(numbered.group(1)), Integer.parseInt(numbered.group(2)))
                : first(ShopService.of(name));
    }

    /** Its name in logs, pid files and the launcher's controls: {@code order-service}, {@code order-service-2}. */
    public String name() {
        return this.index == 1 ? this.service.module() : this.service.module() + "-" + this.index;
    }

    public int port(int gatewayPort) {
        return this.service.port(gatewayPort) + PORT_STRIDE * (this.index - 1);
    }
}
