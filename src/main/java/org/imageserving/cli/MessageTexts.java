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

            {"usage.oneUrl", "--url names one supervisor; give it several times only to status (the fleet view)"},
            {"status.timeoutNeedsHosts", "status: --timeout goes with --hosts or several --url (the fleet view)"},
            {"status.badTimeout", "status: --timeout [{0}] must be from 0.1 to {1} seconds"},
            {"hosts.missing", "{0}: no such hosts file (lines \"name jolokia-url user password-file\"), nor a list of Jolokia URLs (http://127.0.0.1:18771/jolokia/,...)"},
            {"hosts.empty", "{0} names no host"},
            {"hosts.tooMany", "{0} hosts: at most {1} at once"},
            {"hosts.duplicate", "host [{0}] is named twice: give each host a name of its own"},
            {"hosts.tooLarge", "{0}: larger than {1} bytes: not a hosts file"},
            {"hosts.fields", "{0}: expected \"name jolokia-url user password-file\" (or \"name jolokia-url\"), found {1} fields"},
            {"hosts.badName", "{0}: host name [{1}] must be 1 to {2} letters, digits, ''.'', ''-'', ''_'' or '':''"},
            {"hosts.badUrl", "{0}: [{1}] is not an http:// Jolokia URL; a remote host is reached through an SSH tunnel: http://127.0.0.1:<port>/jolokia/"},
            {"hosts.accountInUrl", "{0}: no user or password in the URL: name the user and a password file on the host''s line"},
            {"fleet.column.host", "HOST"},
            {"fleet.unreachable", "{0}: UNREACHABLE ({1})"},
            {"fleet.error", "{0}: ERROR ({1})"},
            {"fleet.refused", "login refused for user {0}: check the user and password file of this host"},
            {"fleet.httpStatus", "HTTP {0} instead of a Jolokia answer"},
            {"fleet.notJolokia", "not a Jolokia answer: {0}"},
            {"fleet.otherJson", "JSON of another shape than the answers to two reads"},
            {"fleet.connectTimeout", "connect timed out after {0}s"},
            {"fleet.timeout", "no answer within {0}s"},
            {"fleet.tooLarge", "answer larger than {0} bytes"},
            {"playlog.needsUrl", "playlog: name the host to warm up with one --url http://host:port"},
            {"playlog.badUrl", "playlog: --url [{0}] must be http://host[:port] or https://host[:port], without a path, user or password"},
            {"playlog.badRate", "playlog: --rate [{0}] must be requests per second, N or N/s, from 0.1 to {1}"},
            {"playlog.badConcurrency", "playlog: --concurrency [{0}] must be from 1 to {1}"},
            {"playlog.badLimit", "playlog: --limit [{0}] must be 0 (no limit) or more"},
            {"playlog.unreadable", "playlog: cannot read {0}: {1}"},
            {"playlog.progress", "sent {0}, ok {1}, errors {2}, {3}/s"},
            {"playlog.summary", "playlog: {0} sent in {1}s: {2} ok, {3} errors, {4}/s"},
            {"playlog.skipped", "skipped: {0} not GET, {1} other paths, {2} malformed"},
            {"playlog.offHost", "{0} redirects off-host not followed (counted as errors)"},
            {"playlog.firstError", "first error: {0}"},
            {"playlog.nothing", "playlog: ERROR (no GET of /is/image or /is/content to replay)"},
            {"playlog.allFailed", "playlog: ERROR (every request failed)"},
            {"playlog.gaveUp", "playlog: ERROR (gave up after {0} requests in a row without an answer)"},

            {"error.unexpected", "unexpected error: {0}"},
            {"error.stacktraceHint", "(run again with --stacktrace to see where it happened)"},
        };
    }
}
