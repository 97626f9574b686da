package org.imageserving.cli;

import java.util.ListResourceBundle;

/** Las líneas del script de control en español (patrones MessageFormat: vea {@link MessageTexts}). */
public final class MessageTexts_es extends ListResourceBundle {
    @Override
    protected Object[][] getContents() {
        return new Object[][] {
            {"format.decimalSeparator", ","},
            {"unit.day", "d"},
            {"unit.hour", "h"},
            {"unit.minute", "min"},
            {"unit.second", "s"},

            {"status.column.id", "ID"},
            {"status.column.state", "ESTADO"},
            {"status.column.pid", "PID"},
            {"status.column.uptime", "ACTIVO"},
            {"status.column.heap", "HEAP"},
            {"status.column.restarts", "REINICIOS"},
            {"status.column.lastError", "ÚLTIMO ERROR"},
            {"status.resident", "(rss)"},
            {"status.supervisor", "supervisor: pid {0}, versión {1}, activo desde hace {2}, heap {3}"},
            {"status.notRunning", "ImageServing no está en ejecución (no hay supervisor para {0}); para iniciarlo: ImageServing start"},

            {"pid.stale.gone", "{0}: archivo pid obsoleto: el proceso {1} ya no existe (se mató el supervisor o se reinició la máquina)"},
            {"pid.stale.reused", "{0}: archivo pid obsoleto: el pid {1} pertenece ahora a otro programa ({2})"},
            {"pid.stale.garbage", "{0}: archivo pid obsoleto: no contiene ningún pid ({1})"},

            {"connect.authFailed", "el supervisor en {0} rechazó el inicio de sesión del usuario {1}: revise --user y --password-file, o conf/jmxremote.password"},
            {"connect.nothingListening", "nada responde en {0}: no hay ningún supervisor en ejecución allí"},
            {"connect.notAnswering", "el supervisor (pid {0}) está en ejecución pero no responde en {1}: ¿aún arrancando? Vea {2}"},
            {"connect.failed", "no se puede hablar con el supervisor en {0}: {1}"},

            {"credentials.missing", "falta {0}: inicie el supervisor una vez (lo crea), o indique --user y --password-file"},
            {"credentials.denied", "no se puede leer {0} (permiso denegado): ejecute como el usuario del supervisor"},
            {"credentials.unreadable", "no se puede leer {0}: {1}"},
            {"credentials.noReadWriteUser", "{0} no nombra ningún usuario readwrite: añada uno (admin readwrite), o indique --user"},
            {"credentials.noPassword", "{0} no tiene contraseña para el usuario {1}: añada la línea \"{1} <contraseña>\", o indique --password-file"},

            {"target.urlUnreadable", "no se puede leer {0}: {1}"},
            {"target.noPort", "falta {0} y conf/SupervisorRegistry.xml no fija ningún tcpport: indique --url"},

            {"logs.badId", "logs: [{0}] no es un id de servidor (una minúscula, luego minúsculas, dígitos o ''-'') ni supervisor"},
            {"logs.badLines", "logs: -n [{0}] debe estar entre 0 y {1}"},
            {"logs.missing", "{0}: no hay registro en {1} (¿se ha ejecutado alguna vez en esta instancia?)"},
            {"reload.unchanged", "sin cambios"},
            {"reload.notRunning", "reload: ERROR (ImageServing no está en marcha; inícielo con: ImageServing start)"},
            {"reload.denied", "reload: ERROR (acceso denegado: el usuario {0} solo puede leer; use un usuario readwrite de conf/jmxremote.access)"},
            {"reload.failed", "reload: ERROR ({0})"},

            {"server.unknown", "servidor desconocido [{0}]: los servidores conocidos son {1}"},
            {"server.started", "{0}: iniciado (pid {1})"},
            {"server.restarted", "{0}: reiniciado (pid {1})"},
            {"server.stopped", "{0}: detenido"},
            {"server.alreadyStarted", "{0}: ya iniciado (pid {1})"},
            {"server.alreadyStopped", "{0}: ya detenido ({1})"},
            {"server.error", "{0}: ERROR ({1}: {2})"},
            {"server.supervisorNotRunning", "{0}: ERROR (ImageServing no está en ejecución; para iniciarlo: ImageServing start)"},
            {"server.denied", "{0}: ERROR (acceso denegado: el usuario {1} solo puede leer; use un usuario readwrite de conf/jmxremote.access)"},

            {"start.alreadyRunning", "ImageServing ya está en ejecución (pid {0})"},
            {"start.launching", "iniciando el supervisor ({0})..."},
            {"start.supervisorUp", "supervisor: iniciado (pid {0})"},
            {"start.waiting", "esperando a: {0} ({1} s)"},
            {"start.failed", "no se pudieron iniciar: {0}"},
            {"start.noPidFile", "todavía no hay pid en {0}"},
            {"start.otherSupervisor", "otro supervisor responde en {0}"},
            {"start.supervisorExited", "el supervisor terminó con el código {0} durante el arranque; últimas líneas de {1}:"},
            {"start.supervisorTimeout", "el supervisor no arrancó a tiempo ({0}); vea {1}"},
            {"start.lost", "se perdió el supervisor durante su arranque ({0}); vea {1}"},

            {"launch.jsvcMissing", "{0}={1} no es un jsvc ejecutable: corríjalo, o ponga {0}=none para iniciar sin jsvc"},
            {"launch.jsvcFailed", "falló {0} start (código de salida {1}); vea {2}"},

            {"stop.notRunning", "ImageServing no está en ejecución"},
            {"stop.jsvcOrphan", "terminado el controlador de jsvc {0} de esta base: su supervisor fue matado, y habría arrancado otro en 60 s"},
            {"stop.stopping", "deteniendo el supervisor (pid {0}; {1} procesos en total)..."},
            {"stop.sigterm", "JMX no respondió ({0}): enviando SIGTERM al pid {1}"},
            {"stop.stopped", "ImageServing detenido"},
            {"stop.left", "siguen en ejecución tras el plazo de parada: {0}; termínelos con: kill -9 {1}"},

            {"run.useScript", "run inicia el supervisor en primer plano: use {0} run"},

            {"usage.unknownArgument", "argumento desconocido: {0}"},
            {"usage.missing", "falta: {0}"},
            {"usage.invalid", "línea de órdenes no válida: {0}"},
            {"usage.suggestions", "¿quiso decir: {0}?"},
            {"usage.seeHelp", "vea: {0} --help"},

            {"usage.oneUrl", "--url designa un solo supervisor; varias veces solo con status (la vista de la flota)"},
            {"status.timeoutNeedsHosts", "status: --timeout va con --hosts o varios --url (la vista de la flota)"},
            {"status.badTimeout", "status: --timeout [{0}] debe estar entre 0,1 y {1} segundos"},
            {"hosts.missing", "{0}: no es un archivo de hosts (líneas \"nombre url-jolokia usuario archivo-de-contraseña\") ni una lista de URL Jolokia (http://127.0.0.1:18771/jolokia/,...)"},
            {"hosts.empty", "{0} no nombra ningún host"},
            {"hosts.tooMany", "{0} hosts: como mucho {1} a la vez"},
            {"hosts.duplicate", "el host [{0}] aparece dos veces: dé a cada host un nombre propio"},
            {"hosts.tooLarge", "{0}: más de {1} bytes: no es un archivo de hosts"},
            {"hosts.fields", "{0}: se esperaba \"nombre url-jolokia usuario archivo-de-contraseña\" (o \"nombre url-jolokia\"), hay {1} campos"},
            {"hosts.badName", "{0}: el nombre de host [{1}] debe tener de 1 a {2} letras, dígitos, ''.'', ''-'', ''_'' o '':''"},
            {"hosts.badUrl", "{0}: [{1}] no es una URL Jolokia http://; a un host remoto se llega por un túnel SSH: http://127.0.0.1:<puerto>/jolokia/"},
            {"hosts.accountInUrl", "{0}: ni usuario ni contraseña en la URL: indique el usuario y un archivo de contraseña en la línea del host"},
            {"fleet.column.host", "HOST"},
            {"fleet.unreachable", "{0}: UNREACHABLE ({1})"},
            {"fleet.error", "{0}: ERROR ({1})"},
            {"fleet.refused", "inicio de sesión rechazado para el usuario {0}: revise el usuario y el archivo de contraseña de este host"},
            {"fleet.httpStatus", "HTTP {0} en lugar de una respuesta Jolokia"},
            {"fleet.notJolokia", "no es una respuesta Jolokia: {0}"},
            {"fleet.otherJson", "JSON con otra forma que las respuestas a dos lecturas"},
            {"fleet.connectTimeout", "conexión agotada tras {0} s"},
            {"fleet.timeout", "sin respuesta en {0} s"},
            {"fleet.tooLarge", "respuesta de más de {0} bytes"},
            {"playlog.needsUrl", "playlog: indique el host a precalentar con un solo --url http://host:puerto"},
            {"playlog.badUrl", "playlog: --url [{0}] debe ser http://host[:puerto] o https://host[:puerto], sin ruta, usuario ni contraseña"},
            {"playlog.badRate", "playlog: --rate [{0}] debe ser peticiones por segundo, N o N/s, de 0,1 a {1}"},
            {"playlog.badConcurrency", "playlog: --concurrency [{0}] debe estar entre 1 y {1}"},
            {"playlog.badLimit", "playlog: --limit [{0}] debe ser 0 (sin límite) o más"},
            {"playlog.unreadable", "playlog: no se puede leer {0}: {1}"},
            {"playlog.progress", "enviadas {0}, ok {1}, errores {2}, {3}/s"},
            {"playlog.summary", "playlog: {0} enviadas en {1} s: {2} ok, {3} errores, {4}/s"},
            {"playlog.skipped", "omitidas: {0} no GET, {1} otras rutas, {2} mal formadas"},
            {"playlog.offHost", "{0} redirecciones a otro host no seguidas (contadas como errores)"},
            {"playlog.firstError", "primer error: {0}"},
            {"playlog.nothing", "playlog: ERROR (ningún GET de /is/image o /is/content que reproducir)"},
            {"playlog.allFailed", "playlog: ERROR (todas las peticiones fallaron)"},
            {"playlog.gaveUp", "playlog: ERROR (abandono tras {0} peticiones seguidas sin respuesta)"},

            {"error.unexpected", "error inesperado: {0}"},
            {"error.stacktraceHint", "(vuelva a ejecutar con --stacktrace para ver dónde ocurrió)"},
        };
    }
}
