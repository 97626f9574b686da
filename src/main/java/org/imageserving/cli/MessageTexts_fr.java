package org.imageserving.cli;

import java.util.ListResourceBundle;

/** Les lignes du script de contrôle en français (motifs MessageFormat : voir {@link MessageTexts}). */
public final class MessageTexts_fr extends ListResourceBundle {
    @Override
    protected Object[][] getContents() {
        return new Object[][] {
            {"format.decimalSeparator", ","},
            {"unit.day", "j"},
            {"unit.hour", "h"},
            {"unit.minute", "min"},
            {"unit.second", "s"},

            {"status.column.id", "ID"},
            {"status.column.state", "ÉTAT"},
            {"status.column.pid", "PID"},
            {"status.column.uptime", "EN SERVICE"},
            {"status.column.heap", "TAS"},
            {"status.column.restarts", "REDÉMARRAGES"},
            {"status.column.lastError", "DERNIÈRE ERREUR"},
            {"status.resident", "(rss)"},
            {"status.supervisor", "superviseur : pid {0}, version {1}, en service depuis {2}, tas {3}"},
            {"status.notRunning", "ImageServing n’est pas démarré (aucun superviseur pour {0}) ; pour le démarrer : ImageServing start"},

            {"pid.stale.gone", "{0} : fichier pid périmé : le processus {1} n’existe plus (superviseur tué, ou machine redémarrée)"},
            {"pid.stale.reused", "{0} : fichier pid périmé : le pid {1} appartient maintenant à un autre programme ({2})"},
            {"pid.stale.garbage", "{0} : fichier pid périmé : il ne contient pas de pid ({1})"},

            {"connect.authFailed", "le superviseur à {0} a refusé la connexion de l’utilisateur {1} : vérifiez --user et --password-file, ou conf/jmxremote.password"},
            {"connect.nothingListening", "rien ne répond à {0} : aucun superviseur n’y tourne"},
            {"connect.notAnswering", "le superviseur (pid {0}) tourne mais ne répond pas à {1} : encore en démarrage ? Voir {2}"},
            {"connect.failed", "impossible de dialoguer avec le superviseur à {0} : {1}"},

            {"credentials.missing", "{0} est absent : démarrez le superviseur une fois (il le crée), ou passez --user et --password-file"},
            {"credentials.denied", "impossible de lire {0} (permission refusée) : lancez la commande sous l’utilisateur du superviseur"},
            {"credentials.unreadable", "impossible de lire {0} : {1}"},
            {"credentials.noReadWriteUser", "{0} ne nomme aucun utilisateur readwrite : ajoutez-en un (admin readwrite), ou passez --user"},
            {"credentials.noPassword", "{0} n’a pas de mot de passe pour l’utilisateur {1} : ajoutez la ligne « {1} <mot de passe> », ou passez --password-file"},

            {"target.urlUnreadable", "impossible de lire {0} : {1}"},
            {"target.noPort", "{0} est absent et conf/SupervisorRegistry.xml ne fixe pas de tcpport : passez --url"},

            {"logs.badId", "logs : [{0}] n’est ni un identifiant de serveur (une minuscule, puis des minuscules, chiffres ou « - ») ni supervisor"},
            {"logs.badLines", "logs : -n [{0}] doit être compris entre 0 et {1}"},
            {"logs.missing", "{0} : pas de journal à {1} (a-t-il déjà tourné dans cette instance ?)"},
            {"reload.unchanged", "aucun changement"},
            {"reload.notRunning", "reload : ERROR (ImageServing n’est pas démarré ; démarrez-le avec : ImageServing start)"},
            {"reload.denied", "reload : ERROR (accès refusé : l’utilisateur {0} n’a que la lecture ; utilisez un utilisateur readwrite de conf/jmxremote.access)"},
            {"reload.failed", "reload : ERROR ({0})"},

            {"server.unknown", "serveur inconnu [{0}] : les serveurs connus sont {1}"},
            {"server.started", "{0} : démarré (pid {1})"},
            {"server.restarted", "{0} : redémarré (pid {1})"},
            {"server.stopped", "{0} : arrêté"},
            {"server.alreadyStarted", "{0} : déjà démarré (pid {1})"},
            {"server.alreadyStopped", "{0} : déjà arrêté ({1})"},
            {"server.error", "{0} : ERROR ({1} : {2})"},
            {"server.supervisorNotRunning", "{0} : ERROR (ImageServing n’est pas démarré ; pour le démarrer : ImageServing start)"},
            {"server.denied", "{0} : ERROR (accès refusé : l’utilisateur {1} n’a que la lecture ; utilisez un utilisateur readwrite de conf/jmxremote.access)"},

            {"start.alreadyRunning", "ImageServing est déjà démarré (pid {0})"},
            {"start.launching", "démarrage du superviseur ({0})..."},
            {"start.supervisorUp", "superviseur : démarré (pid {0})"},
            {"start.waiting", "en attente de : {0} ({1} s)"},
            {"start.failed", "échec du démarrage : {0}"},
            {"start.noPidFile", "pas encore de pid dans {0}"},
            {"start.otherSupervisor", "un autre superviseur répond à {0}"},
            {"start.supervisorExited", "le superviseur s’est arrêté avec le code {0} pendant son démarrage ; dernières lignes de {1} :"},
            {"start.supervisorTimeout", "le superviseur n’a pas démarré à temps ({0}) ; voir {1}"},
            {"start.lost", "superviseur perdu pendant son démarrage ({0}) ; voir {1}"},

            {"launch.jsvcMissing", "{0}={1} n’est pas un jsvc exécutable : corrigez-le, ou posez {0}=none pour démarrer sans jsvc"},
            {"launch.jsvcFailed", "échec de {0} start (code de sortie {1}) ; voir {2}"},

            {"stop.notRunning", "ImageServing n’est pas démarré"},
            {"stop.jsvcOrphan", "contrôleur jsvc {0} de cette base arrêté : son superviseur a été tué, et il en aurait démarré un autre sous 60 s"},
            {"stop.stopping", "arrêt du superviseur (pid {0} ; {1} processus en tout)..."},
            {"stop.sigterm", "JMX n’a pas répondu ({0}) : envoi de SIGTERM au pid {1}"},
            {"stop.stopped", "ImageServing est arrêté"},
            {"stop.left", "encore actifs après le délai d’arrêt : {0} ; pour les terminer : kill -9 {1}"},

            {"run.useScript", "run démarre le superviseur au premier plan : utilisez {0} run"},

            {"usage.unknownArgument", "argument inconnu : {0}"},
            {"usage.missing", "manquant : {0}"},
            {"usage.invalid", "ligne de commande invalide : {0}"},
            {"usage.suggestions", "vouliez-vous dire : {0} ?"},
            {"usage.seeHelp", "voir : {0} --help"},

            {"usage.oneUrl", "--url désigne un seul superviseur ; plusieurs fois seulement pour status (la vue de la flotte)"},
            {"status.timeoutNeedsHosts", "status : --timeout va avec --hosts ou plusieurs --url (la vue de la flotte)"},
            {"status.badTimeout", "status : --timeout [{0}] doit être compris entre 0,1 et {1} secondes"},
            {"hosts.missing", "{0} : ni un fichier d’hôtes (lignes \"nom url-jolokia utilisateur fichier-mot-de-passe\"), ni une liste d’URL Jolokia (http://127.0.0.1:18771/jolokia/,...)"},
            {"hosts.empty", "{0} ne désigne aucun hôte"},
            {"hosts.tooMany", "{0} hôtes : au plus {1} à la fois"},
            {"hosts.duplicate", "l’hôte [{0}] est nommé deux fois : donnez à chaque hôte son propre nom"},
            {"hosts.tooLarge", "{0} : plus de {1} octets : ce n’est pas un fichier d’hôtes"},
            {"hosts.fields", "{0} : attendu \"nom url-jolokia utilisateur fichier-mot-de-passe\" (ou \"nom url-jolokia\"), trouvé {1} champs"},
            {"hosts.badName", "{0} : le nom d’hôte [{1}] doit compter de 1 à {2} lettres, chiffres, ''.'', ''-'', ''_'' ou '':''"},
            {"hosts.badUrl", "{0} : [{1}] n’est pas une URL Jolokia http:// ; un hôte distant se joint par un tunnel SSH : http://127.0.0.1:<port>/jolokia/"},
            {"hosts.accountInUrl", "{0} : ni utilisateur ni mot de passe dans l’URL : indiquez l’utilisateur et un fichier de mot de passe sur la ligne de l’hôte"},
            {"fleet.column.host", "HÔTE"},
            {"fleet.unreachable", "{0}: UNREACHABLE ({1})"},
            {"fleet.error", "{0}: ERROR ({1})"},
            {"fleet.refused", "connexion refusée pour l’utilisateur {0} : vérifiez l’utilisateur et le fichier de mot de passe de cet hôte"},
            {"fleet.httpStatus", "HTTP {0} au lieu d’une réponse Jolokia"},
            {"fleet.notJolokia", "pas une réponse Jolokia : {0}"},
            {"fleet.otherJson", "du JSON d’une autre forme que les réponses à deux lectures"},
            {"fleet.connectTimeout", "connexion expirée après {0} s"},
            {"fleet.timeout", "pas de réponse en {0} s"},
            {"fleet.tooLarge", "réponse de plus de {0} octets"},
            {"playlog.needsUrl", "playlog : indiquez l’hôte à préchauffer avec un seul --url http://hôte:port"},
            {"playlog.badUrl", "playlog : --url [{0}] doit être http://hôte[:port] ou https://hôte[:port], sans chemin, utilisateur ni mot de passe"},
            {"playlog.badRate", "playlog : --rate [{0}] doit être un nombre de requêtes par seconde, N ou N/s, de 0,1 à {1}"},
            {"playlog.badConcurrency", "playlog : --concurrency [{0}] doit être compris entre 1 et {1}"},
            {"playlog.badLimit", "playlog : --limit [{0}] doit valoir 0 (sans limite) ou plus"},
            {"playlog.unreadable", "playlog : impossible de lire {0} : {1}"},
            {"playlog.progress", "envoyées {0}, ok {1}, erreurs {2}, {3}/s"},
            {"playlog.summary", "playlog : {0} envoyées en {1} s : {2} ok, {3} erreurs, {4}/s"},
            {"playlog.skipped", "ignorées : {0} non GET, {1} autres chemins, {2} mal formées"},
            {"playlog.offHost", "{0} redirections vers un autre hôte non suivies (comptées comme erreurs)"},
            {"playlog.firstError", "première erreur : {0}"},
            {"playlog.nothing", "playlog : ERROR (aucun GET de /is/image ou /is/content à rejouer)"},
            {"playlog.allFailed", "playlog : ERROR (toutes les requêtes ont échoué)"},
            {"playlog.gaveUp", "playlog : ERROR (abandon après {0} requêtes d’affilée sans réponse)"},

            {"error.unexpected", "erreur inattendue : {0}"},
            {"error.stacktraceHint", "(relancez avec --stacktrace pour voir où elle s’est produite)"},
        };
    }
}
