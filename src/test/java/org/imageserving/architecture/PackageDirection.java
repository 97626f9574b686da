package org.imageserving.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * STYLE.md's package direction, as rules: two halves that never import each other, small shared leaves that
 * import neither, and inside the management half daemon -> supervisor -> process with config a leaf and the
 * control script reaching the supervisor through the MXBean interfaces only.
 */
final class PackageDirection {
    private static final String ROOT = "org.imageserving.";

    /** The supervisor, its JMX/Jolokia face, its configuration and the control script. */
    static final String[] MANAGEMENT = packages("cli", "config", "daemon", "jmx", "jolokia", "log", "process", "supervisor");
    /** The three stock servers and what they share. */
    static final String[] STOCK_SERVERS = packages("platform", "imageserver", "svg", "stock");
    /** What both halves share: each imports neither half. */
    static final String[] SHARED_LEAVES = packages("text", "install", "xml", "exit", "proc", "http");

    private PackageDirection() {}

    static List<ArchRule> rules() {
        List<ArchRule> rules = new java.util.ArrayList<>(List.of(
                noClasses().that().resideInAnyPackage(STOCK_SERVERS)
                        .should().dependOnClassesThat().resideInAnyPackage(MANAGEMENT)
                        .as("the stock servers never import the management half"),
                noClasses().that().resideInAnyPackage(MANAGEMENT)
                        .should().dependOnClassesThat().resideInAnyPackage(STOCK_SERVERS)
                        .as("the management half never imports the stock servers"),
                noClasses().that().resideInAnyPackage(SHARED_LEAVES)
                        .should().dependOnClassesThat().resideInAnyPackage(both())
                        .as("the shared leaves (" + String.join(", ", SHARED_LEAVES) + ") import neither half"),
                noClasses().that().resideInAnyPackage(packages("config"))
                        .should().dependOnClassesThat().resideInAnyPackage(without(MANAGEMENT, "config"))
                        .as("config is a leaf of the management half"),
                noClasses().that().resideInAnyPackage(packages("log"))
                        .should().dependOnClassesThat().resideInAnyPackage(without(MANAGEMENT, "log"))
                        .as("log is a leaf of the management half (the supervisor's log files, known to all of it)"),
                noClasses().that().resideInAnyPackage(packages("process"))
                        .should().dependOnClassesThat().resideInAnyPackage(packages("supervisor", "daemon", "jmx", "jolokia", "cli"))
                        .as("process is below supervisor (daemon -> supervisor -> process)"),
                noClasses().that().resideInAnyPackage(packages("supervisor"))
                        .should().dependOnClassesThat().resideInAnyPackage(packages("daemon", "jmx", "jolokia", "cli"))
                        .as("supervisor is below daemon and knows nothing of its JMX, Jolokia or CLI faces"),
                noClasses().that().resideInAnyPackage(packages("jmx", "jolokia"))
                        .should().dependOnClassesThat().resideInAnyPackage(packages("daemon", "cli"))
                        .as("jmx and jolokia are adapters the daemon wires, never the other way round"),
                noClasses().that().resideInAnyPackage(without(MANAGEMENT, "cli"))
                        .should().dependOnClassesThat().resideInAnyPackage(packages("cli"))
                        .as("nothing in the supervisor imports the control script"),
                noClasses().that().resideInAnyPackage(packages("cli"))
                        .should().dependOnClassesThat(supervisorSideBeyondTheMXBeans())
                        .as("cli reaches the supervisor through the MXBean interfaces only")));
        for (String server : new String[] {"platform", "imageserver", "svg"}) {
            rules.add(noClasses().that().resideInAnyPackage(packages(server))
                    .should().dependOnClassesThat().resideInAnyPackage(without(packages("platform", "imageserver", "svg"), server))
                    .as("the " + server + " server imports no other stock server, only stock"));
        }
        return rules.stream().map(rule -> rule.allowEmptyShould(true)).toList();
    }

    /**
     * Anything of supervisor, process, daemon, jmx or jolokia but the MXBean interfaces, the MBean names and
     * the value types those interfaces carry ({@code process.ServerState}, {@code jmx.ControlReport}).
     */
    private static DescribedPredicate<JavaClass> supervisorSideBeyondTheMXBeans() {
        return new DescribedPredicate<>("supervisor-side classes other than the MXBean interfaces") {
            @Override
            public boolean test(JavaClass target) {
                String name = target.getName();
                if (!JavaClass.Predicates.resideInAnyPackage(packages("supervisor", "process", "daemon", "jmx", "jolokia"))
                        .test(target)) {
                    return false;
                }
                boolean mxBean = target.getPackageName().equals(ROOT + "jmx") && (name.endsWith("MXBean")
                        || name.equals(ROOT + "jmx.MBeanNames") || name.equals(ROOT + "jmx.ControlReport"));
                return !mxBean && !name.equals(ROOT + "process.ServerState");
            }
        };
    }

    private static String[] both() {
        String[] all = new String[MANAGEMENT.length + STOCK_SERVERS.length];
        System.arraycopy(MANAGEMENT, 0, all, 0, MANAGEMENT.length);
        System.arraycopy(STOCK_SERVERS, 0, all, MANAGEMENT.length, STOCK_SERVERS.length);
        return all;
    }

    private static String[] without(String[] patterns, String name) {
        return java.util.Arrays.stream(patterns).filter(p -> !p.equals(ROOT + name + "..")).toArray(String[]::new);
    }

    private static String[] packages(String... names) {
        return java.util.Arrays.stream(names).map(n -> ROOT + n + "..").toArray(String[]::new);
    }
}
