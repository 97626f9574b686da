package org.imageserving.process;

import java.time.Duration;
import java.util.Optional;

import org.imageserving.config.ServerSpec.HttpReadiness;
import org.imageserving.config.ServerSpec.Readiness;
import org.imageserving.config.ServerSpec.TcpReadiness;

/** One readiness or liveness check of a server. Blocking, bounded by its timeout; run off the loop thread. */
public interface Probe {
    /** True when the server answered as expected within the timeout. Never throws. */
    boolean check(Duration timeout);

    /** What a pass means, for log lines: "answered GET http://…/health". */
    String describe();

    /** The probe of a readiness setting; none for "stayed up N s", which is a timer, not a probe. */
    static Optional<Probe> of(Readiness readiness) {
        if (readiness instanceof TcpReadiness tcp) {
            return Optional.of(new TcpProbe(tcp.host(), tcp.port()));
        }
        if (readiness instanceof HttpReadiness http) {
            return Optional.of(new HttpProbe(http.url()));
        }
        return Optional.empty();
    }
}
