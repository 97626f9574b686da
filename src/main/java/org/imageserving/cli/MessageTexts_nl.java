package org.imageserving.cli;

import java.util.ListResourceBundle;

/** De regels van het besturingsscript in het Nederlands (MessageFormat-patronen: zie {@link MessageTexts}). */
public final class MessageTexts_nl extends ListResourceBundle {
    @Override
    protected Object[][] getContents() {
        return new Object[][] {
            {"format.decimalSeparator", ","},
            {"unit.day", "d"},
            {"unit.hour", "u"},
            {"unit.minute", "m"},
            {"unit.second", "s"},

            {"status.column.id", "ID"},
            {"status.column.state", "TOESTAND"},
            {"status.column.pid", "PID"},
            {"status.column.uptime", "LOOPTIJD"},
            {"status.column.heap", "HEAP"},
            {"status.column.restarts", "HERSTARTS"},
            {"status.column.lastError", "LAATSTE FOUT"},
            {"status.resident", "(rss)"},
            {"status.supervisor", "supervisor: pid {0}, versie {1}, looptijd {2}, heap {3}"},
            {"status.notRunning", "ImageServing draait niet (geen supervisor voor {0}); start het met: ImageServing start"},

            {"pid.stale.gone", "{0}: verouderd pid-bestand: proces {1} bestaat niet meer (de supervisor is afgeschoten, of de machine is herstart)"},
            {"pid.stale.reused", "{0}: verouderd pid-bestand: pid {1} hoort nu bij een ander programma ({2})"},
            {"pid.stale.garbage", "{0}: verouderd pid-bestand: er staat geen pid in ({1})"},

            {"connect.authFailed", "de supervisor op {0} weigerde de aanmelding van gebruiker {1}: controleer --user en --password-file, of conf/jmxremote.password"},
            {"connect.nothingListening", "niets antwoordt op {0}: daar draait geen supervisor"},
            {"connect.notAnswering", "de supervisor (pid {0}) draait maar antwoordt niet op {1}: nog aan het opstarten? Zie {2}"},
            {"connect.failed", "kan niet met de supervisor op {0} praten: {1}"},

            {"credentials.missing", "{0} ontbreekt: start de supervisor eenmaal (die maakt het aan), of geef --user en --password-file"},
            {"credentials.denied", "kan {0} niet lezen (geen toegang): voer het uit als de gebruiker van de supervisor"},
            {"credentials.unreadable", "kan {0} niet lezen: {1}"},
            {"credentials.noReadWriteUser", "{0} noemt geen readwrite-gebruiker: voeg er een toe (admin readwrite), of geef --user"},
            {"credentials.noPassword", "{0} heeft geen wachtwoord voor gebruiker {1}: voeg de regel \"{1} <wachtwoord>\" toe, of geef --password-file"},

            {"target.urlUnreadable", "kan {0} niet lezen: {1}"},
            {"target.noPort", "{0} ontbreekt en conf/SupervisorRegistry.xml legt geen tcpport vast: geef --url"},

            {"logs.badId", "logs: [{0}] is geen server-id (een kleine letter, dan kleine letters, cijfers of ''-'') en ook geen supervisor"},
            {"logs.badLines", "logs: -n [{0}] moet tussen 0 en {1} liggen"},
            {"logs.missing", "{0}: geen log in {1} (heeft hij ooit in deze instantie gedraaid?)"},
            {"reload.unchanged", "geen wijziging"},
            {"reload.notRunning", "reload: ERROR (ImageServing draait niet; start het met: ImageServing start)"},
            {"reload.denied", "reload: ERROR (toegang geweigerd: gebruiker {0} mag alleen lezen; gebruik een readwrite-gebruiker uit conf/jmxremote.access)"},
            {"reload.failed", "reload: ERROR ({0})"},

            {"server.unknown", "onbekende server [{0}]: de bekende servers zijn {1}"},
            {"server.started", "{0}: gestart (pid {1})"},
            {"server.restarted", "{0}: herstart (pid {1})"},
            {"server.stopped", "{0}: gestopt"},
            {"server.alreadyStarted", "{0}: al gestart (pid {1})"},
            {"server.alreadyStopped", "{0}: al gestopt ({1})"},
            {"server.error", "{0}: ERROR ({1}: {2})"},
            {"server.supervisorNotRunning", "{0}: ERROR (ImageServing draait niet; start het met: ImageServing start)"},
            {"server.denied", "{0}: ERROR (toegang geweigerd: gebruiker {1} mag alleen lezen; gebruik een readwrite-gebruiker uit conf/jmxremote.access)"},

            {"start.alreadyRunning", "ImageServing draait al (pid {0})"},
            {"start.launching", "de supervisor wordt gestart ({0})..."},
            {"start.supervisorUp", "supervisor: gestart (pid {0})"},
            {"start.waiting", "wacht op: {0} ({1} s)"},
            {"start.failed", "niet gestart: {0}"},
            {"start.noPidFile", "nog geen pid in {0}"},
            {"start.otherSupervisor", "een andere supervisor antwoordt op {0}"},
            {"start.supervisorExited", "de supervisor stopte tijdens het opstarten met code {0}; de laatste regels van {1}:"},
            {"start.supervisorTimeout", "de supervisor kwam niet op tijd op ({0}); zie {1}"},
            {"start.lost", "de supervisor ging verloren tijdens het opstarten ({0}); zie {1}"},

            {"launch.jsvcMissing", "{0}={1} is geen uitvoerbare jsvc: verbeter het, of zet {0}=none om zonder jsvc te starten"},
            {"launch.jsvcFailed", "{0} start mislukte (afsluitcode {1}); zie {2}"},

            {"stop.notRunning", "ImageServing draait niet"},
            {"stop.jsvcOrphan", "jsvc-controller {0} van deze base beëindigd: zijn supervisor was gedood, en hij zou binnen 60 s een nieuwe starten"},
            {"stop.stopping", "de supervisor wordt gestopt (pid {0}; {1} processen in totaal)..."},
            {"stop.sigterm", "JMX antwoordde niet ({0}): SIGTERM naar pid {1}"},
            {"stop.stopped", "ImageServing is gestopt"},
            {"stop.left", "draaien nog na de stoptermijn: {0}; beëindig ze met: kill -9 {1}"},

            {"run.useScript", "run start de supervisor op de voorgrond: gebruik {0} run"},

            {"usage.unknownArgument", "onbekend argument: {0}"},
            {"usage.missing", "ontbreekt: {0}"},
            {"usage.invalid", "ongeldige opdrachtregel: {0}"},
            {"usage.suggestions", "bedoelde u: {0}?"},
            {"usage.seeHelp", "zie: {0} --help"},

            {"usage.oneUrl", "--url noemt één supervisor; meermaals alleen bij status (het vlootoverzicht)"},
            {"status.timeoutNeedsHosts", "status: --timeout hoort bij --hosts of meerdere --url (het vlootoverzicht)"},
            {"status.badTimeout", "status: --timeout [{0}] moet tussen 0,1 en {1} seconden liggen"},
            {"hosts.missing", "{0}: geen hostsbestand (regels \"naam jolokia-url gebruiker wachtwoordbestand\") en geen lijst van Jolokia-URL''s (http://127.0.0.1:18771/jolokia/,...)"},
            {"hosts.empty", "{0} noemt geen enkele host"},
            {"hosts.tooMany", "{0} hosts: hooguit {1} tegelijk"},
            {"hosts.duplicate", "host [{0}] komt twee keer voor: geef elke host een eigen naam"},
            {"hosts.tooLarge", "{0}: groter dan {1} bytes: geen hostsbestand"},
            {"hosts.fields", "{0}: verwacht \"naam jolokia-url gebruiker wachtwoordbestand\" (of \"naam jolokia-url\"), gevonden {1} velden"},
            {"hosts.badName", "{0}: hostnaam [{1}] moet 1 tot {2} letters, cijfers, ''.'', ''-'', ''_'' of '':'' zijn"},
            {"hosts.badUrl", "{0}: [{1}] is geen http://-Jolokia-URL; een host op afstand bereikt u via een SSH-tunnel: http://127.0.0.1:<poort>/jolokia/"},
            {"hosts.accountInUrl", "{0}: geen gebruiker of wachtwoord in de URL: zet de gebruiker en een wachtwoordbestand op de regel van de host"},
            {"fleet.column.host", "HOST"},
            {"fleet.unreachable", "{0}: UNREACHABLE ({1})"},
            {"fleet.error", "{0}: ERROR ({1})"},
            {"fleet.refused", "aanmelding geweigerd voor gebruiker {0}: controleer gebruiker en wachtwoordbestand van deze host"},
            {"fleet.httpStatus", "HTTP {0} in plaats van een Jolokia-antwoord"},
            {"fleet.notJolokia", "geen Jolokia-antwoord: {0}"},
            {"fleet.otherJson", "JSON met een andere vorm dan de antwoorden op twee leesverzoeken"},
            {"fleet.connectTimeout", "verbinden duurde langer dan {0} s"},
            {"fleet.timeout", "geen antwoord binnen {0} s"},
            {"fleet.tooLarge", "antwoord groter dan {0} bytes"},
            {"playlog.needsUrl", "playlog: noem de host om op te warmen met één --url http://host:poort"},
            {"playlog.badUrl", "playlog: --url [{0}] moet http://host[:poort] of https://host[:poort] zijn, zonder pad, gebruiker of wachtwoord"},
            {"playlog.badRate", "playlog: --rate [{0}] moet verzoeken per seconde zijn, N of N/s, van 0,1 tot {1}"},
            {"playlog.badConcurrency", "playlog: --concurrency [{0}] moet tussen 1 en {1} liggen"},
            {"playlog.badLimit", "playlog: --limit [{0}] moet 0 (geen limiet) of meer zijn"},
            {"playlog.unreadable", "playlog: kan {0} niet lezen: {1}"},
            {"playlog.progress", "verzonden {0}, ok {1}, fouten {2}, {3}/s"},
            {"playlog.summary", "playlog: {0} verzonden in {1} s: {2} ok, {3} fouten, {4}/s"},
            {"playlog.skipped", "overgeslagen: {0} geen GET, {1} andere paden, {2} onleesbaar"},
            {"playlog.offHost", "{0} omleidingen naar een andere host niet gevolgd (als fout geteld)"},
            {"playlog.firstError", "eerste fout: {0}"},
            {"playlog.nothing", "playlog: ERROR (geen GET van /is/image of /is/content om af te spelen)"},
            {"playlog.allFailed", "playlog: ERROR (alle verzoeken mislukt)"},
            {"playlog.gaveUp", "playlog: ERROR (opgegeven na {0} verzoeken op rij zonder antwoord)"},

            {"error.unexpected", "onverwachte fout: {0}"},
            {"error.stacktraceHint", "(voer opnieuw uit met --stacktrace om te zien waar het gebeurde)"},
        };
    }
}
