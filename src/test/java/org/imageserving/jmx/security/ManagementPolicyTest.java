package org.imageserving.jmx.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.management.ObjectName;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decisions, one row per case: what each role may do, written out where a reader can check them. */
class ManagementPolicyTest {
    @ParameterizedTest(name = "{0} {1} {2} {3}: {4}")
    @CsvSource(delimiter = '|', textBlock = """
            READONLY     | read   | ImageServing:type=Server,name=svg         | State              | true
            READONLY     | read   | ImageServing:type=Supervisor              | ServerNames        | true
            READONLY     | read   | ImageServing:type=Cache                   | SharedHitRatio     | true
            READWRITE    | invoke | ImageServing:type=Cache                   | restart            | false
            READONLY     | read   | java.lang:type=Runtime                    | Uptime             | true
            READONLY     | read   | java.lang:type=Runtime                    | SystemProperties   | false
            READWRITE    | read   | java.lang:type=Runtime                    | InputArguments     | false
            READWRITE    | read   | java.lang:type=Threading                  | ThreadCount        | true
            READONLY     | read   | java.lang:type=Threading                  | AllThreadIds       | false
            UNRESTRICTED | read   | java.lang:type=Runtime                    | SystemProperties   | true
            READONLY     | invoke | ImageServing:type=Server,name=svg         | restart            | false
            READWRITE    | invoke | ImageServing:type=Server,name=svg         | restart            | true
            READWRITE    | invoke | ImageServing:type=Server,name=svg         | restart()          | true
            READWRITE    | invoke | ImageServing:type=Server,*                | restart            | false
            READWRITE    | invoke | ImageServing:type=Supervisor              | shutdown           | true
            READWRITE    | invoke | ImageServing:type=Supervisor              | start              | false
            READWRITE    | invoke | com.sun.management:type=HotSpotDiagnostic | dumpHeap           | false
            READWRITE    | invoke | com.sun.management:type=DiagnosticCommand | jvmtiAgentLoad     | false
            READWRITE    | invoke | java.lang:type=Memory                     | gc                 | false
            UNRESTRICTED | invoke | java.lang:type=Memory                     | gc                 | true
            READONLY     | invoke | jolokia:type=NotificationStore,agent=x    | pull(java.lang.String,java.lang.String) | true
            READWRITE    | write  | java.lang:type=Memory                     | Verbose            | false
            UNRESTRICTED | write  | java.lang:type=Memory                     | Verbose            | true
            READONLY     | listen | ImageServing:type=Server,name=is          | -                  | true
            READWRITE    | listen | java.lang:type=Memory                     | -                  | false
            """)
    void decides(Role role, String what, String mbean, String detail, boolean allowed) throws Exception {
        ObjectName name = new ObjectName(mbean);
        boolean decided = switch (what) {
            case "read" -> ManagementPolicy.mayRead(role, name, detail);
            case "invoke" -> ManagementPolicy.mayInvoke(role, name, detail);
            case "write" -> ManagementPolicy.mayWrite(role, name, detail);
            case "listen" -> ManagementPolicy.mayListen(role, name);
            default -> throw new IllegalArgumentException(what);
        };
        assertEquals(allowed, decided);
    }
}
