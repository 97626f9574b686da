@echo off
rem ImageServing control script for Windows: start | stop | restart [<id>] | status [<id>] | reload | logs <id> [-f] | run | version | completion
rem The same as bin/ImageServing on Unix, kept in step with it: find the install and the instance, Java and the
rem site's setenv.bat, then run Java - the control CLI for every command but "run", which runs the supervisor in
rem the foreground. To run the supervisor as a Windows service instead, see bin\service.bat.
rem
rem Environment (all optional):
rem   IMAGESERVING_HOME      the install (bin, lib, jmx-templates); default: this script's parent directory
rem   IMAGESERVING_BASE      the instance (conf, logs, run, temp); default: IMAGESERVING_HOME
rem   JAVA_HOME              the Java 17+ to use; default: java on PATH
rem   IMAGESERVING_OPTS      JVM options of the supervisor ("run", and "start"); JAVA_OPTS is added too.
rem                          Both come after the shipped defaults of bin\supervisor.options, and so win
rem   IMAGESERVING_SUPERVISOR_OPTIONS  another file of default supervisor JVM options, or "none" (JVM defaults)
rem   IMAGESERVING_CLI_OPTS  JVM options of the control commands themselves
rem   IMAGESERVING_JMX_URL, IMAGESERVING_JMX_USER, IMAGESERVING_JMX_PASSWORD_FILE: another instance to talk to
rem and, in setenv.bat: CLASSPATH (put before lib\* for the supervisor) and IMAGESERVING_SUPERVISOR_CLASS.
rem Site settings belong in %IMAGESERVING_BASE%\bin\setenv.bat, never in this file.

setlocal
set "COMMAND=%~1"

rem %~dp0 is this script's own directory (with a trailing backslash), wherever it is called from
if not "%IMAGESERVING_HOME%" == "" goto gotHome
for %%I in ("%~dp0..") do set "IMAGESERVING_HOME=%%~fI"
:gotHome
if "%IMAGESERVING_BASE%" == "" set "IMAGESERVING_BASE=%IMAGESERVING_HOME%"
for %%I in ("%IMAGESERVING_HOME%") do set "IMAGESERVING_HOME=%%~fI"
for %%I in ("%IMAGESERVING_BASE%") do set "IMAGESERVING_BASE=%%~fI"

rem Site settings: the instance's own first, else the install's. Only setenv.bat may set CLASSPATH.
set CLASSPATH=
if exist "%IMAGESERVING_BASE%\bin\setenv.bat" goto baseSetenv
if exist "%IMAGESERVING_HOME%\bin\setenv.bat" call "%IMAGESERVING_HOME%\bin\setenv.bat"
goto setenvDone
:baseSetenv
call "%IMAGESERVING_BASE%\bin\setenv.bat"
:setenvDone

if "%JAVA_HOME%" == "" goto javaFromPath
set "JAVA=%JAVA_HOME%\bin\java.exe"
if exist "%JAVA%" goto gotJava
echo ImageServing: JAVA_HOME=%JAVA_HOME% has no bin\java.exe: point JAVA_HOME at a Java 17+ install, or unset it to use java from PATH 1>&2
goto failed
:javaFromPath
set "JAVA=java.exe"
where java.exe >nul 2>nul
if not errorlevel 1 goto gotJava
echo ImageServing: no java found: install Java 17 or later, or set JAVA_HOME 1>&2
goto failed
:gotJava

set "LIB=%IMAGESERVING_HOME%\lib"
if exist "%LIB%\imageserving.jar" goto gotLib
echo ImageServing: %LIB%\imageserving.jar is missing: run `mvn package` first (in %IMAGESERVING_HOME%) 1>&2
goto failed
:gotLib

if /i "%COMMAND%" == "run" goto run

rem The control CLI, tuned to start fast (see bin/ImageServing). lib\cli.jsa, when `mvn package` could build it
rem here, is the class-data archive for this class path; the JVM ignores a stale one by itself.
set CLI_OPTS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto
if exist "%LIB%\cli.jsa" set CLI_OPTS=%CLI_OPTS% "-XX:SharedArchiveFile=%LIB%\cli.jsa" "-Xlog:cds*=off"
"%JAVA%" %CLI_OPTS% %IMAGESERVING_CLI_OPTS% "-Dimageserving.home=%IMAGESERVING_HOME%" "-Dimageserving.base=%IMAGESERVING_BASE%" "-Dimageserving.script=%~f0" -cp "%LIB%\imageserving.jar;%LIB%\picocli.jar;%LIB%\log4j-api.jar" org.imageserving.cli.Main %*
exit /b %ERRORLEVEL%

:run
rem Everything after "run" goes to the supervisor (--<setting>=<value> flags).
set RUN_ARGS=
:collectRunArgs
shift
if "%~1" == "" goto runSupervisor
set RUN_ARGS=%RUN_ARGS% %1
goto collectRunArgs
:runSupervisor
if "%IMAGESERVING_SUPERVISOR_CLASS%" == "" set "IMAGESERVING_SUPERVISOR_CLASS=org.imageserving.daemon.ForegroundMain"
set "SUPERVISOR_CP=%LIB%\*"
if not "%CLASSPATH%" == "" set "SUPERVISOR_CP=%CLASSPATH%;%LIB%\*"
rem the shipped defaults first (one option a line, # comments), then the site's, which win
set SUPERVISOR_OPTS=
if "%IMAGESERVING_SUPERVISOR_OPTIONS%" == "" set "IMAGESERVING_SUPERVISOR_OPTIONS=%IMAGESERVING_HOME%\bin\supervisor.options"
if /i "%IMAGESERVING_SUPERVISOR_OPTIONS%" == "none" goto gotSupervisorOpts
if exist "%IMAGESERVING_SUPERVISOR_OPTIONS%" goto readSupervisorOpts
echo ImageServing: cannot read %IMAGESERVING_SUPERVISOR_OPTIONS%: restore it from the release, or set IMAGESERVING_SUPERVISOR_OPTIONS=none 1>&2
goto failed
:readSupervisorOpts
for /f "usebackq eol=# delims=" %%O in ("%IMAGESERVING_SUPERVISOR_OPTIONS%") do call :addSupervisorOpt "%%O"
:gotSupervisorOpts
cd /d "%IMAGESERVING_BASE%"
"%JAVA%" %SUPERVISOR_OPTS% %JAVA_OPTS% %IMAGESERVING_OPTS% "-Dimageserving.home=%IMAGESERVING_HOME%" "-Dimageserving.base=%IMAGESERVING_BASE%" "-Dimageserving.logs=%IMAGESERVING_BASE%\logs" -cp "%SUPERVISOR_CP%" %IMAGESERVING_SUPERVISOR_CLASS% %RUN_ARGS%
exit /b %ERRORLEVEL%

:addSupervisorOpt
set "SUPERVISOR_OPTS=%SUPERVISOR_OPTS% %~1"
goto :eof

:failed
rem status reports "unknown" (LSB 4) when it cannot even ask; other commands simply failed
if /i "%COMMAND%" == "status" exit /b 4
exit /b 1
