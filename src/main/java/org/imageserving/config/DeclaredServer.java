package org.imageserving.config;

import java.util.List;
import java.util.Map;

/**
 * A {@code <server>} as the conf file declares it, before defaults and layers: the parts only the file can
 * set. Its single-valued keys live in the flat layering map as {@code server.<id>.<key>}.
 *
 * @param mainClass          {@code <mainClass>}, or null
 * @param command            {@code <command>}, or null
 * @param jvmArgumentsOrigin where {@code <jvmArguments>} is, or null when absent
 * @param environment        {@code <variable name="…">} values by name, in file order
 * @param ready              the one probe inside {@code <ready>}, or null for the default
 */
record DeclaredServer(
        String id,
        Origin origin,
        Setting mainClass,
        Setting command,
        List<Setting> jvmArguments,
        Origin jvmArgumentsOrigin,
        List<Setting> arguments,
        Map<String, Setting> environment,
        Probe ready) {

    /** One of {@code <tcp port host/>}, {@code <http url/>}, {@code <uptime seconds/>}. */
    record Probe(String kind, Origin origin, Map<String, Setting> attributes) {}
}
