package org.imageserving.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imageserving.install.Homes;
import org.imageserving.config.ServerSpec;
import org.imageserving.config.ServerSpec.CommandLaunch;
import org.imageserving.config.ServerSpec.JavaLaunch;

/**
 * Makes a server's process: the command line ({@code ${java.home}/bin/java [-Xmx] -Dimageserving.home/base
 * -Djava.rmi.server.hostname=127.0.0.1 jvmArguments -cp <our classpath, made absolute> mainClass arguments}, or
 * an executable found on PATH), the environment (ours, plus IMAGESERVING_HOME/BASE, plus the spec's), the working
 * directory, stdin from /dev/null and stdout+stderr merged into the server's log. On Linux the command is
 * prefixed so the server leads its own process group and dies with the launching thread
 * ({@link Platform#commandPrefix()}).
 *
 * <p>Call {@link #launch} only from the supervisor loop: the parent-death signal is bound to the forking thread.
 */
public final class Launcher {
    private static final File DEV_NULL = new File("/dev/null");
    /**
     * The supervisor reads a Java server's heap through a JMX agent it starts there on 127.0.0.1; the agent's RMI
     * stub names this host, which defaults to whatever the machine's name resolves to (a LAN address, where
     * nothing listens). Before the spec's jvmArguments, so a server may set its own.
     */
    private static final String RMI_ON_LOOPBACK = "-Djava.rmi.server.hostname=127.0.0.1";

    private final Homes homes;
    private final Platform platform;
    private final String javaCommand;
    private final String classPath;
    private final ServerAccounts accounts = new ServerAccounts();

    public Launcher(Homes homes, Platform platform) {
        this(homes, platform, System.getProperty("java.class.path", ""), Path.of("").toAbsolutePath());
    }

    /**
     * @param classPath        the class path the servers get, as this JVM was given it
     * @param launchDirectory  the directory its relative entries are relative to (this JVM's working directory)
     */
    Launcher(Homes homes, Platform platform, String classPath, Path launchDirectory) {
        this.homes = homes;
        this.platform = platform;
        this.javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // servers run in the base, not where the supervisor was started: `java -cp 'lib/*' …` from HOME must work
        this.classPath = serverClassPath(absoluteClassPath(classPath, launchDirectory), homes.lib());
    }

    /** The server's own command, without the platform prefix. */
    public List<String> command(ServerSpec spec) throws IOException {
        List<String> command = new ArrayList<>();
        if (spec.launch() instanceof JavaLaunch java) {
            command.add(javaCommand);
            if (java.maxHeap() != null && !java.maxHeap().isBlank()) {
                command.add("-Xmx" + java.maxHeap());
            }
            command.add("-Dimageserving.home=" + homes.home());
            command.add("-Dimageserving.base=" + homes.base());
            command.add(RMI_ON_LOOPBACK);
            command.addAll(java.jvmArguments());
            command.add("-cp");
            command.add(classPath);
            command.add(java.mainClass());
        } else if (spec.launch() instanceof CommandLaunch cmd) {
            command.add(resolveExecutable(cmd.executable(), workingDirectory(spec), environment(spec).get("PATH")));
        }
        command.addAll(spec.arguments());
        return command;
    }

    /** Spawns the server. Throws when it cannot be launched at all (no such executable, no such directory). */
    public ProcessRun launch(ServerSpec spec) throws IOException {
        Path workingDirectory = workingDirectory(spec);
        if (!Files.isDirectory(workingDirectory)) {
            throw new IOException("working directory " + workingDirectory + " does not exist");
        }
        Optional<RunAs> account = accounts.accountFor(spec);
        if (account.isPresent() && platform.setpriv().isEmpty()) {
            throw new IOException("cannot run it as user [" + spec.user() + "]: util-linux setpriv not found");
        }
        account.ifPresent(a -> WritableDirs.prepare(homes.base(), a));
        List<String> command = new ArrayList<>(platform.commandPrefix(account));
        command.addAll(command(spec));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        if (DEV_NULL.exists()) {
            builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        }
        builder.environment().clear();
        builder.environment().putAll(environment(spec));
        String token = ServerToken.create();
        builder.environment().put(ServerToken.VARIABLE, token);
        long launchedNanos = System.nanoTime();
        Process process = builder.start();
        if (!DEV_NULL.exists()) {
            process.getOutputStream().close();
        }
        OutputPump.start(spec.id(), process.pid(), process.getInputStream());
        // setsid makes the server the leader of a new group whose id is its pid (it does not fork: a freshly
        // spawned child is never a group leader already)
        return new ProcessRun(process, platform.groupsServers() ? process.pid() : -1, launchedNanos, token);
    }

    public Map<String, String> environment(ServerSpec spec) {
        return environment(spec, System.getenv());
    }

    /**
     * bin/daemon.sh hands jsvc's JVM its Java 9+ options through JAVA_TOOL_OPTIONS (jsvc 1.0.15 rejects them on
     * its command line) and keeps the operator's own value in {@value #ORIGINAL_TOOL_OPTIONS}: those options are
     * the supervisor's, so a server gets JAVA_TOOL_OPTIONS back as the operator had set it (or not at all).
     */
    Map<String, String> environment(ServerSpec spec, Map<String, String> supervisorEnvironment) {
        Map<String, String> env = new java.util.HashMap<>(supervisorEnvironment);
        String original = env.remove(ORIGINAL_TOOL_OPTIONS);
        if (original != null && original.isEmpty()) {
            env.remove(TOOL_OPTIONS);
        } else if (original != null) {
            env.put(TOOL_OPTIONS, original);
        }
        env.put("IMAGESERVING_HOME", homes.home().toString());
        env.put("IMAGESERVING_BASE", homes.base().toString());
        env.putAll(spec.environment());
        return env;
    }

    static final String TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";
    static final String ORIGINAL_TOOL_OPTIONS = "IMAGESERVING_ORIGINAL_JAVA_TOOL_OPTIONS";

    /**
     * Every entry of {@code classPath} made absolute against {@code directory}. A {@code dir/*} wildcard stays a
     * wildcard ({@code /abs/dir/*}); an empty entry means the working directory to the JVM, so it becomes
     * {@code directory} itself.
     */
    static String absoluteClassPath(String classPath, Path directory) {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator, -1)) {
            entries.add(absoluteEntry(entry, directory));
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The class path a Java server gets: the supervisor's own, which the launchers narrow to the few jars of lib/
     * it loads (bin/supervisor.classpath: every other jar open in the supervisor costs resident memory for its
     * central directory, and would be one more place for a gadget its JMX connector might deserialise), widened
     * again to every jar of lib/, in C order as the launchers name them. The site's CLASSPATH entries stay
     * first. A supervisor that runs on no jar of {@code lib} (in a test, or embedded) passes its class path on as
     * it is.
     */
    static String serverClassPath(String supervisorClassPath, Path lib) {
        List<String> entries = new ArrayList<>(List.of(supervisorClassPath.split(File.pathSeparator, -1)));
        Path libDirectory = lib.toAbsolutePath().normalize();
        boolean fromLib = entries.removeIf(entry -> isJarIn(entry, libDirectory));
        if (!fromLib) {
            return supervisorClassPath;
        }
        try (java.util.stream.Stream<Path> jars = Files.list(libDirectory)) {
            // C order: by the bytes of the names, as `LC_ALL=C; for jar in lib/*.jar` lists them
            jars.map(Path::toString).filter(name -> name.endsWith(".jar")).sorted().forEach(entries::add);
        } catch (IOException e) {
            return supervisorClassPath;   // lib/ unreadable now: what the supervisor runs on is all we can name
        }
        return String.join(File.pathSeparator, entries);
    }

    private static boolean isJarIn(String entry, Path directory) {
        try {
            Path path = Path.of(entry).toAbsolutePath().normalize();
            return entry.endsWith(".jar") && directory.equals(path.getParent());
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static String absoluteEntry(String entry, Path directory) {
        boolean wildcard = entry.equals("*") || entry.endsWith("/*") || entry.endsWith(File.separator + "*");
        String path = wildcard ? entry.substring(0, entry.length() - 1) : entry;
        try {
            String absolute = directory.toAbsolutePath().resolve(path).toString();
            return wildcard ? absolute + File.separator + "*" : absolute;
        } catch (InvalidPathException e) {
            return entry;           // not a path this file system knows: pass it on as the JVM was given it
        }
    }

    public Path workingDirectory(ServerSpec spec) {
        Path dir = spec.workingDirectory() == null ? homes.base() : homes.base().resolve(spec.workingDirectory());
        return dir.toAbsolutePath().normalize();
    }

    /** An absolute path as is; with a slash, against the working directory; else the first hit on PATH. */
    static String resolveExecutable(String executable, Path workingDirectory, String path) throws IOException {
        if (executable.contains("/") || executable.contains(File.separator)) {
            Path file = workingDirectory.resolve(executable).normalize();
            if (!Files.isExecutable(file)) {
                throw new IOException("executable " + file + " not found or not executable");
            }
            return file.toString();
        }
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String suffix : executableSuffixes()) {
                Path file = Path.of(dir, executable + suffix);
                if (Files.isExecutable(file) && !Files.isDirectory(file)) {
                    return file.toString();
                }
            }
        }
        throw new IOException("executable [" + executable + "] not found on PATH");
    }

    /** "" on Unix; on Windows also the PATHEXT suffixes (.EXE, .BAT, …), as the shell would try them. */
    private static List<String> executableSuffixes() {
        if (!File.separator.equals("\\")) {
            return List.of("");
        }
        List<String> suffixes = new ArrayList<>(List.of(""));
        for (String ext : System.getenv().getOrDefault("PATHEXT", ".EXE;.BAT;.CMD").split(";")) {
            suffixes.add(ext.toLowerCase(java.util.Locale.ROOT));
        }
        return suffixes;
    }
}
