package org.calpe.config.keepalived.cm;

import java.io.IOException;

import org.calpe.config.api.ApplyResult;
import org.calpe.config.api.ConfigurationApplier;
import org.calpe.config.api.model.KeepalivedConfig;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@link ConfigurationApplier} service: {@link ConfigTranslator} then {@link ConfigApplier}. */
@Component(service = ConfigurationApplier.class)
public final class ConfigAdminApplier implements ConfigurationApplier {
    private final ConfigTranslator translator = new ConfigTranslator();
    private final ConfigApplier applier;

    @Activate
    public ConfigAdminApplier(@Reference ConfigurationAdmin cm) {
        this.applier = new ConfigApplier(cm);
    }

    @Override
    public ApplyResult apply(KeepalivedConfig config) throws IOException {
        return applier.apply(translator.translate(config));
    }
}
