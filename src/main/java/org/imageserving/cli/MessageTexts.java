package org.imageserving.cli;

import java.util.ListResourceBundle;

/**
 * The control script's lines in English, the root of {@link Messages}: every key, and the fallback for any key a
 * translation lacks. Each value is a {@link java.text.MessageFormat} pattern: {0}, {1}... are arguments, and a
 * straight apostrophe is written twice ('') or as a typographic one. Server states (RUNNING, FATAL...) and the
 * word ERROR in the one-line results stay in English in every language: scripts grep for them.
 *
 * <p>A class rather than a .properties file: it comes out of the class-data archive ready to use, where reading
 * and parsing a resource from the jar costs ~10 ms of every `status`. TranslationsTest holds the translations
 * to these keys.
 */
public final class MessageTexts extends ListResourceBundle {
    @Override
    protected Object[][] getContents() {
        return new Object[][] {
            {"format.decimalSeparator", "."},
            {"unit.day", "d"},
            {"unit.hour", "h"},
            {"unit.minute", "m"},
            {"unit.second", "s"},

            {"status.column.id", "ID"},
            {"status.column.state", "STATE"},
            {"status.column.pid", "PID"},
            {"status.column.uptime", "UPTIME"},
            {"status.column.heap", "HEAP"},
            {"status.column.restarts", "RESTARTS"},
            {"status.column.lastError", "LAST ERROR"},
            {"status.resident", "(rss)"},
            {"status.supervisor", "supervisor: pid {0}, version {1}, uptime {2}, heap {3}"},
            {"status.notRunning", "ImageServing is not running (no supervisor for {0}); start it with: ImageServing start"},

            {"pid.stale.gone", "{0}: stale pid file: process {1} is gone (the supervisor was killed, or the machine restarted)"},
            {"pid.stale.reused", "{0}: stale pid file: pid {1} now belongs to another program ({2})"},
            {"pid.stale.garbage", "{0}: stale pid file: it holds no pid ({1})"},

            {"connect.authFailed", "the supervisor at {0} refused the login of user {1}: check --user and --password-file, or conf/jmxremote.password"},
            {"connect.nothingListening", "nothing answers at {0}: no supervisor is running there"},
            {"connect.notAnswering", "the supervisor (pid {0}) is running but does not answer at {1}: still starting? See {2}"},
            {"connect.failed", "cannot talk to the supervisor at {0}: {1}"},

            {"credentials.missing", "{0} is missing: start the supervisor once (it creates it), or pass --user and --password-file"},
            {"credentials.denied", "cannot read {0} (permission denied): run as the user who runs the supervisor"},
            {"credentials.unreadable", "cannot read {0}: {1}"},
            {"credentials.noReadWriteUser", "{0} names no readwrite user: add one (admin readwrite), or pass --user"},
            {"credentials.noPassword", "{0} has no password for user {1}: add the line \"{1} <password>\", or pass --password-file"},

            {"target.urlUnreadable", "cannot read {0}: {1}"},
            {"target.noPort", "{0} is missing and conf/SupervisorRegistry.xml sets no fixed tcpport: pass --url"},

            {"logs.badId", "logs: [{0}] is not a server id (a lower-case letter, then lower-case letters, digits or ''-'') nor supervisor"},
            {"logs.badLines", "logs: -n [{0}] must be from 0 to {1}"},
            {"logs.missing", "{0}: no log at {1} (has it ever run in this instance?)"},
            {"reload.unchanged", "no change"},
            {"reload.notRunning", "reload: ERROR (ImageServing is not running; start it with: ImageServing start)"},
            {"reload.denied", "reload: ERROR (access denied: user {0} may only read; use a readwrite user of conf/jmxremote.access)"},
            {"reload.failed", "reload: ERROR ({0})"},

            {"server.unknown", "unknown server [{0}]: the known servers are {1}"},
            {"server.started", "{0}: started (pid {1})"},
            {"server.restarted", "{0}: restarted (pid {1})"},
            {"server.stopped", "{0}: stopped"},
            {"server.alreadyStarted", "{0}: already started (pid {1})"},
            {"server.alreadyStopped", "{0}: already stopped ({1})"},
            {"server.error", "{0}: ERROR ({1}: {2})"},
            {"server.supervisorNotRunning", "{0}: ERROR (ImageServing is not running; start it with: ImageServing start)"},
            {"server.denied", "{0}: ERROR (access denied: user {1} may only read; use a readwrite user of conf/jmxremote.access)"},

            {"start.alreadyRunning", "ImageServing is already running (pid {0})"},
            {"start.launching", "starting the supervisor ({0})..."},
            {"start.supervisorUp", "supervisor: started (pid {0})"},
            {"start.waiting", "waiting for: {0} ({1}s)"},
            {"start.failed", "failed to start: {0}"},
            {"start.noPidFile", "no pid in {0} yet"},
            {"start.otherSupervisor", "another supervisor answers at {0}"},
            {"start.supervisorExited", "the supervisor exited with code {0} while starting; the last lines of {1}:"},
            {"start.supervisorTimeout", "the supervisor did not come up in time ({0}); see {1}"},
            {"start.lost", "lost the supervisor while it was starting ({0}); see {1}"},

            {"launch.jsvcMissing", "{0}={1} is not an executable jsvc: fix it, or set {0}=none to start without jsvc"},
            {"launch.jsvcFailed", "{0} start failed (exit code {1}); see {2}"},

            {"stop.notRunning", "ImageServing is not running"},
            {"stop.jsvcOrphan", "ended jsvc controller {0} of this base: its supervisor was killed, and it would have started another one within 60 s"},
            {"stop.stopping", "stopping the supervisor (pid {0}; {1} processes in all)..."},
            {"stop.sigterm", "JMX did not answer ({0}): sending SIGTERM to pid {1}"},
            {"stop.stopped", "ImageServing stopped"},
            {"stop.left", "still running after the stop timeout: {0}; end them with: kill -9 {1}"},

            {"run.useScript", "run starts the supervisor in the foreground: use {0} run"},

            {"usage.unknownArgument", "unknown argument: {0}"},
            {"usage.missing", "missing: {0}"},
            {"usage.invalid", "invalid command line: {0}"},
            {"usage.suggestions", "did you mean: {0}?"},
            {"usage.seeHelp", "see: {0} --help"},

            {"error.unexpected", "unexpected error: {0}"},
            {"error.stacktraceHint", "(run again with --stacktrace to see where it happened)"},
        };
    }
}
