@echo off
rem Registers the Server Supervisor as a Windows service with procrun (Apache Commons Daemon's prunsrv.exe), in jvm
rem mode: the service's JVM calls org.imageserving.daemon.ProcrunService start (which returns only once the service
rem has stopped) and, on another thread, ProcrunService stop.
rem
rem   service.bat install [<service name>]    default name: ImageServing
rem   service.bat remove  [<service name>]
rem Then: net start ImageServing / net stop ImageServing (or the Services console). bin\ImageServing.bat status
rem and restart <id> talk to it over JMX like to any supervisor of this instance.
rem
rem Needs prunsrv.exe: set PRUNSRV, or put it in %IMAGESERVING_HOME%\bin (the amd64\prunsrv.exe of
rem commons-daemon-1.4.1-bin-windows.zip, https://downloads.apache.org/commons/daemon/binaries/windows/).
rem Environment, read at install time (and from %IMAGESERVING_BASE%\bin\setenv.bat):
rem   IMAGESERVING_HOME, IMAGESERVING_BASE    as for bin\ImageServing.bat
rem   JAVA_HOME or JRE_HOME                   the Java 17+ whose jvm.dll runs the service (default: the registry's)
rem   IMAGESERVING_OPTS                       extra JVM options, separated by spaces (no spaces inside one),
rem                                           after the shipped defaults of bin\supervisor.options, and so winning
rem   IMAGESERVING_SUPERVISOR_OPTIONS         another file of default supervisor JVM options, or "none"
rem   IMAGESERVING_SERVICE_USER               the account it runs as (default LocalSystem), e.g. "NT Authority\LocalService"
rem   IMAGESERVING_SERVICE_STARTUP            auto or manual (default manual, as Tomcat's)
rem   IMAGESERVING_SERVICE_HEAP               the supervisor's maximum heap in MB (default: supervisor.options' -Xmx; the servers have their own)
rem Reinstall (remove, then install) after an upgrade: the jar list is fixed at install time.

setlocal
set "SERVICE_CMD=%~1"
set "SERVICE_NAME=ImageServing"
if not "%~2" == "" set "SERVICE_NAME=%~2"
if "%SERVICE_CMD%" == "" goto usage

if not "%IMAGESERVING_HOME%" == "" goto gotHome
for %%I in ("%~dp0..") do set "IMAGESERVING_HOME=%%~fI"
:gotHome
if "%IMAGESERVING_BASE%" == "" set "IMAGESERVING_BASE=%IMAGESERVING_HOME%"
for %%I in ("%IMAGESERVING_HOME%") do set "IMAGESERVING_HOME=%%~fI"
for %%I in ("%IMAGESERVING_BASE%") do set "IMAGESERVING_BASE=%%~fI"

set CLASSPATH=
if exist "%IMAGESERVING_BASE%\bin\setenv.bat" goto baseSetenv
if exist "%IMAGESERVING_HOME%\bin\setenv.bat" call "%IMAGESERVING_HOME%\bin\setenv.bat"
goto setenvDone
:baseSetenv
call "%IMAGESERVING_BASE%\bin\setenv.bat"
:setenvDone

if not "%PRUNSRV%" == "" goto gotPrunsrv
set "PRUNSRV=%IMAGESERVING_HOME%\bin\prunsrv.exe"
if exist "%PRUNSRV%" goto gotPrunsrv
echo service.bat: prunsrv.exe not found in %IMAGESERVING_HOME%\bin: get amd64\prunsrv.exe from commons-daemon-1.4.1-bin-windows.zip (https://downloads.apache.org/commons/daemon/binaries/windows/) and put it there, or set PRUNSRV 1>&2
exit /b 1
:gotPrunsrv

if /i "%SERVICE_CMD%" == "install" goto install
if /i "%SERVICE_CMD%" == "remove" goto remove
echo service.bat: unknown command "%SERVICE_CMD%" 1>&2
:usage
echo usage: service.bat install^|remove [service name] 1>&2
exit /b 2

:remove
echo Removing the service %SERVICE_NAME% ...
"%PRUNSRV%" //DS//%SERVICE_NAME% --LogPath "%IMAGESERVING_BASE%\logs"
if errorlevel 1 goto removeFailed
echo The service %SERVICE_NAME% has been removed.
exit /b 0
:removeFailed
echo service.bat: could not remove the service %SERVICE_NAME%: is that its name, and is this an administrator prompt? 1>&2
exit /b 1

:install
if not exist "%IMAGESERVING_HOME%\lib\imageserving.jar" goto noLib

rem The JVM: the server jvm.dll of JAVA_HOME (or JRE_HOME), else whatever the registry names
set "JVM=auto"
set "JAVA_DIR=%JAVA_HOME%"
if "%JAVA_DIR%" == "" set "JAVA_DIR=%JRE_HOME%"
if "%JAVA_DIR%" == "" goto gotJvm
if exist "%JAVA_DIR%\bin\server\jvm.dll" set "JVM=%JAVA_DIR%\bin\server\jvm.dll"
:gotJvm

rem procrun's jvm mode starts the JVM itself: no class path wildcards, so every jar of lib is named
set "SERVICE_CP=%CLASSPATH%"
for %%J in ("%IMAGESERVING_HOME%\lib\*.jar") do call :addJar "%%~fJ"

rem procrun separates JVM options with ';' (given here, they replace its default -Xrs, as Tomcat's do). The
rem shipped defaults of bin\supervisor.options come first (one option a line, # comments), then the site's.
set "JVM_OPTIONS=-Dimageserving.home=%IMAGESERVING_HOME%;-Dimageserving.base=%IMAGESERVING_BASE%;-Dimageserving.logs=%IMAGESERVING_BASE%\logs"
if "%IMAGESERVING_SUPERVISOR_OPTIONS%" == "" set "IMAGESERVING_SUPERVISOR_OPTIONS=%IMAGESERVING_HOME%\bin\supervisor.options"
if /i "%IMAGESERVING_SUPERVISOR_OPTIONS%" == "none" goto gotSupervisorOpts
if exist "%IMAGESERVING_SUPERVISOR_OPTIONS%" goto readSupervisorOpts
echo service.bat: cannot read %IMAGESERVING_SUPERVISOR_OPTIONS%: restore it from the release, or set IMAGESERVING_SUPERVISOR_OPTIONS=none 1>&2
exit /b 1
:readSupervisorOpts
for /f "usebackq eol=# delims=" %%O in ("%IMAGESERVING_SUPERVISOR_OPTIONS%") do call :addJvmOption "%%O"
:gotSupervisorOpts
if not "%IMAGESERVING_OPTS%" == "" set "JVM_OPTIONS=%JVM_OPTIONS%;%IMAGESERVING_OPTS: =;%"
if "%IMAGESERVING_SERVICE_STARTUP%" == "" set "IMAGESERVING_SERVICE_STARTUP=manual"
rem --JvmMx only when asked for: procrun puts it after JvmOptions, where it would override supervisor.options' -Xmx
set "SERVICE_HEAP="
if not "%IMAGESERVING_SERVICE_HEAP%" == "" set "SERVICE_HEAP=--JvmMx %IMAGESERVING_SERVICE_HEAP%"
set "SERVICE_ACCOUNT="
if not "%IMAGESERVING_SERVICE_USER%" == "" set SERVICE_ACCOUNT=--ServiceUser "%IMAGESERVING_SERVICE_USER%"

echo Installing the service %SERVICE_NAME% ...
echo   IMAGESERVING_HOME: %IMAGESERVING_HOME%
echo   IMAGESERVING_BASE: %IMAGESERVING_BASE%
echo   JVM:               %JVM%
if not exist "%IMAGESERVING_BASE%\logs" mkdir "%IMAGESERVING_BASE%\logs"
"%PRUNSRV%" //IS//%SERVICE_NAME% ^
    --DisplayName "ImageServing %SERVICE_NAME%" ^
    --Description "ImageServing Server Supervisor: starts, watches and stops the Platform, Image and SVG servers" ^
    --Install "%PRUNSRV%" ^
    --Startup %IMAGESERVING_SERVICE_STARTUP% ^
    %SERVICE_ACCOUNT% ^
    --Jvm "%JVM%" ^
    --Classpath "%SERVICE_CP%" ^
    --JvmOptions "%JVM_OPTIONS%" ^
    %SERVICE_HEAP% ^
    --StartMode jvm ^
    --StartClass org.imageserving.daemon.ProcrunService ^
    --StartMethod start ^
    --StopMode jvm ^
    --StopClass org.imageserving.daemon.ProcrunService ^
    --StopMethod stop ^
    --StopTimeout 120 ^
    --StartPath "%IMAGESERVING_BASE%" ^
    ++Environment "IMAGESERVING_HOME=%IMAGESERVING_HOME%;IMAGESERVING_BASE=%IMAGESERVING_BASE%" ^
    --LogPath "%IMAGESERVING_BASE%\logs" ^
    --LogPrefix procrun ^
    --StdOutput auto ^
    --StdError auto
if errorlevel 1 goto installFailed
echo The service %SERVICE_NAME% has been installed: net start %SERVICE_NAME%
exit /b 0
:installFailed
echo service.bat: could not install the service %SERVICE_NAME%: run this from an administrator prompt; see %IMAGESERVING_BASE%\logs\procrun*.log 1>&2
exit /b 1

:noLib
echo service.bat: %IMAGESERVING_HOME%\lib\imageserving.jar is missing: run `mvn package` first (in %IMAGESERVING_HOME%) 1>&2
exit /b 1

:addJvmOption
set "JVM_OPTIONS=%JVM_OPTIONS%;%~1"
goto :eof

:addJar
if "%SERVICE_CP%" == "" (set "SERVICE_CP=%~1") else (set "SERVICE_CP=%SERVICE_CP%;%~1")
goto :eof
