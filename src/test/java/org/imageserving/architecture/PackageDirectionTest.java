package org.imageserving.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds STYLE.md's package direction over the production classes ({@link PackageDirection}), read from the class
 * files. That the rules can fail is proved every run: the test tree holds one canary per rule, a class that breaks
 * it on purpose, and each canary must be caught by its rule (and only canaries of that rule).
 */
class PackageDirectionTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        // the build output itself: scanning every jar of the class path for the package would take seconds
        production = new ClassFileImporter().importPath(Path.of("target", "classes"));
    }

    @Test
    void theProductionClassesKeepThePackageDirection() {
        assertTrue(production.size() > 300, "the production classes were found: " + production.size());
        List<String> broken = new ArrayList<>();
        for (ArchRule rule : PackageDirection.rules()) {
            EvaluationResult result = rule.evaluate(production);
            if (result.hasViolation()) {
                broken.add(rule.getDescription() + ":\n  " + String.join("\n  ", result.getFailureReport().getDetails()));
            }
        }
        assertEquals(List.of(), broken);
    }

    /** Which canary breaks which rule (by the start of its description). */
    private static final Map<String, String> CANARIES = Map.of(
            "stock", "the stock servers never import",
            "config", "the management half never imports",
            "text", "the shared leaves",
            "process", "process is below supervisor",
            "cli", "cli reaches the supervisor",
            "svg", "the svg server imports no other",
            "log", "log is a leaf");

    @Test
    void eachRuleCatchesItsCanaryAndNoOther() throws ClassNotFoundException {
        for (Map.Entry<String, String> canary : CANARIES.entrySet()) {
            Class<?> canaryClass = Class.forName("org.imageserving." + canary.getKey() + ".DirectionCanary");
            JavaClasses classes = new ClassFileImporter().importClasses(canaryClass);
            List<String> caughtBy = new ArrayList<>();
            for (ArchRule rule : PackageDirection.rules()) {
                if (rule.evaluate(classes).hasViolation()) {
                    caughtBy.add(rule.getDescription());
                }
            }
            assertEquals(1, caughtBy.size(), canaryClass.getName() + " broke " + caughtBy);
            assertTrue(caughtBy.get(0).startsWith(canary.getValue()),
                    canaryClass.getName() + " must break [" + canary.getValue() + "...], broke " + caughtBy);
        }
    }
}
