package org.calpe.exec.internal;

import java.util.concurrent.CompletionStage;

import org.calpe.exec.api.ScriptRequest;
import org.calpe.exec.api.ScriptResult;
import org.calpe.exec.api.ScriptRunner;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The script runner service; see {@link ScriptExecutor} for how it works. */
@Component(service = ScriptRunner.class, configurationPid = DefaultScriptRunner.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DefaultScriptRunner.Config.class)
public final class DefaultScriptRunner implements ScriptRunner {
    public static final String PID = "org.calpe.exec";

    @ObjectClassDefinition(name = "Calpe script runner",
            description = "Runs notify, track and MISC_CHECK scripts as keepalived does")
    public @interface Config {
        @AttributeDefinition(name = "Concurrent scripts", description = "At most this many scripts run at once")
        int maxConcurrent() default 32;

        @AttributeDefinition(name = "Queue limit", description = "Requests beyond this many waiting are refused")
        int queueLimit() default 1024;

        @AttributeDefinition(name = "Default script user", description = "USER or USER GROUP for scripts without "
                + "their own (keepalived's script_user). Empty: keepalived_script if it exists, else the runner's")
        String scriptUser() default "";

        @AttributeDefinition(name = "Output poll (ms)", description = "How often script output is drained")
        long outputPollMs() default 20;

        @AttributeDefinition(name = "Shutdown timeout (ms)", description = "Bound on stopping: scripts already "
                + "running or accepted get the first half of it to end by themselves (keepalived never kills its "
                + "notify scripts), then SIGTERM, and SIGKILL after at most a quarter of it")
        long shutdownTimeoutMs() default 5000;

        @AttributeDefinition(name = "setsid", description = "util-linux setsid")
        String setsidPath() default "/usr/bin/setsid";

        @AttributeDefinition(name = "setpriv", description = "util-linux setpriv")
        String setprivPath() default "/usr/bin/setpriv";

        @AttributeDefinition(name = "Shell", description = "For commands keepalived gives to system()")
        String shellPath() default "/bin/sh";
    }

    private final ScriptExecutor executor;

    @Activate
    public DefaultScriptRunner(Config config) {
        this.executor = new ScriptExecutor(Settings.from(config), UserDatabase.system(), ProcessTable.system());
    }

    @Modified
    void modified(Config config) {
        executor.update(Settings.from(config));
    }

    @Deactivate
    void deactivate() {
        executor.close();
    }

    @Override
    public CompletionStage<ScriptResult> run(ScriptRequest request) {
        return executor.run(request);
    }
}
