package org.calpe.config.keepalived.cm;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Metatype for the configurations made from keepalived.conf, so that the Web Console lists each factory
 * configuration by its object name ({@code webconsole.configurationFactory.nameHint} = {@code {calpe.label}}).
 * Only the common attributes are described; every keepalived keyword of the block is a property as well (see
 * {@link ConfigTranslator}). bnd generates the metatype XML with a Designate element for each PID.
 */
final class Metatypes {
    private static final String EDIT = " from keepalived.conf on the config media. Edit the file, not this: "
            + "it is rewritten on every reload.";

    private Metatypes() {
    }

    @ObjectClassDefinition(id = "org.calpe.Global", pid = "org.calpe.Global",
            name = "Calpe global_defs", description = "Global_defs and static_* blocks" + EDIT)
    @interface GlobalOcd {
        @AttributeDefinition(name = "Object", description = "The object in keepalived.conf")
        String calpe_label();

        @AttributeDefinition(name = "Source", description = "file:line in keepalived.conf")
        String calpe_source();

        @AttributeDefinition(name = "Content hash", description = "SHA-256 of the properties")
        String calpe_hash();

        @AttributeDefinition(name = "Managed", description = "Owned by the keepalived.conf translation",
                type = AttributeType.BOOLEAN)
        boolean calpe_managed() default true;

        String webconsole_configurationFactory_nameHint() default "{calpe.label}";
    }

    @ObjectClassDefinition(id = "org.calpe.vrrp.Instance", factoryPid = "org.calpe.vrrp.Instance",
            name = "Calpe VRRP instance", description = "A vrrp_instance" + EDIT)
    @interface VrrpInstanceOcd {
        @AttributeDefinition(name = "Object", description = "The object in keepalived.conf")
        String calpe_label();

        @AttributeDefinition(name = "Source", description = "file:line in keepalived.conf")
        String calpe_source();

        @AttributeDefinition(name = "Content hash", description = "SHA-256 of the properties")
        String calpe_hash();

        @AttributeDefinition(name = "Managed", description = "Owned by the keepalived.conf translation",
                type = AttributeType.BOOLEAN)
        boolean calpe_managed() default true;

        String webconsole_configurationFactory_nameHint() default "{calpe.label}";
    }

    @ObjectClassDefinition(id = "org.calpe.vrrp.SyncGroup", factoryPid = "org.calpe.vrrp.SyncGroup",
            name = "Calpe VRRP sync group", description = "A vrrp_sync_group" + EDIT)
    @interface VrrpSyncGroupOcd {
        @AttributeDefinition(name = "Object", description = "The object in keepalived.conf")
        String calpe_label();

        @AttributeDefinition(name = "Source", description = "file:line in keepalived.conf")
        String calpe_source();

        @AttributeDefinition(name = "Content hash", description = "SHA-256 of the properties")
        String calpe_hash();

        @AttributeDefinition(name = "Managed", description = "Owned by the keepalived.conf translation",
                type = AttributeType.BOOLEAN)
        boolean calpe_managed() default true;

        String webconsole_configurationFactory_nameHint() default "{calpe.label}";
    }

    @ObjectClassDefinition(id = "org.calpe.vrrp.Script", factoryPid = "org.calpe.vrrp.Script",
            name = "Calpe VRRP script", description = "A vrrp_script" + EDIT)
    @interface VrrpScriptOcd {
        @AttributeDefinition(name = "Object", description = "The object in keepalived.conf")
        String calpe_label();

        @AttributeDefinition(name = "Source", description = "file:line in keepalived.conf")
        String calpe_source();

        @AttributeDefinition(name = "Content hash", description = "SHA-256 of the properties")
        String calpe_hash();

        @AttributeDefinition(name = "Managed", description = "Owned by the keepalived.conf translation",
                type = AttributeType.BOOLEAN)
        boolean calpe_managed() default true;

        String webconsole_configurationFactory_nameHint() default "{calpe.label}";
    }

    @ObjectClassDefinition(id = "org.calpe.lvs.VirtualServer", factoryPid = "org.calpe.lvs.VirtualServer",
            name = "Calpe virtual server", description = "A virtual_server" + EDIT)
    @interface VirtualServerOcd {
        @AttributeDefinition(name = "Object", description = "The object in keepalived.conf")
        String calpe_label();

        @AttributeDefinition(name = "Source", description = "file:line in keepalived.conf")
        String calpe_source();

        @AttributeDefinition(name = "Content hash", description = "SHA-256 of the properties")
        String calpe_hash();

        @AttributeDefinition(name = "Managed", description = "Owned by the keepalived.conf translation",
                type = AttributeType.BOOLEAN)
        boolean calpe_managed() default true;

        String webconsole_configurationFactory_nameHint() default "{calpe.label}";
    }

    @ObjectClassDefinition(id = "org.calpe.lvs.RealServer", factoryPid = "org.calpe.lvs.RealServer",
            name = "Calpe real server", description = "A real_server" + EDIT)
    @interface RealServerOcd {
        @AttributeDefinition(name = "Object", description = "The object in keepalived.conf")
        String calpe_label();

        @AttributeDefinition(name = "Source", description = "file:line in keepalived.conf")
        String calpe_source();

        @AttributeDefinition(name = "Content hash", description = "SHA-256 of the properties")
        String calpe_hash();

        @AttributeDefinition(name = "Managed", description = "Owned by the keepalived.conf translation",
                type = AttributeType.BOOLEAN)
        boolean calpe_managed() default true;

        String webconsole_configurationFactory_nameHint() default "{calpe.label}";
    }

    @ObjectClassDefinition(id = "org.calpe.check.HttpGet", factoryPid = "org.calpe.check.HttpGet",
            name = "Calpe HTTP_GET checker", description = "A HTTP_GET block" + EDIT)
    @interface HttpGetCheckOcd {
        @AttributeDefinition(name = "Object", description = "The object in keepalived.conf")
        String calpe_label();

        @AttributeDefinition(name = "Source", description = "file:line in keepalived.conf")
        String calpe_source();

        @AttributeDefinition(name = "Content hash", description = "SHA-256 of the properties")
        String calpe_hash();

        @AttributeDefinition(name = "Managed", description = "Owned by the keepalived.conf translation",
                type = AttributeType.BOOLEAN)
        boolean calpe_managed() default true;

        String webconsole_configurationFactory_nameHint() default "{calpe.label}";
    }

    @ObjectClassDefinition(id = "org.calpe.check.SslGet", factoryPid = "org.calpe.check.SslGet",
            name = "Calpe SSL_GET checker", description = "A SSL_GET block" + EDIT)
    @interface SslGetCheckOcd {
        @AttributeDefinition(name = "Object", description = "The object in keepalived.conf")
        String calpe_label();

        @AttributeDefinition(name = "Source", description = "file:line in keepalived.conf")
        String calpe_source();

        @AttributeDefinition(name = "Content hash", description = "SHA-256 of the properties")
        String calpe_hash();

        @AttributeDefinition(name = "Managed", description = "Owned by the keepalived.conf translation",
                type = AttributeType.BOOLEAN)
        boolean calpe_managed() default true;

        String webconsole_configurationFactory_nameHint() default "{calpe.label}";
    }

    @ObjectClassDefinition(id = "org.calpe.check.Tcp", factoryPid = "org.calpe.check.Tcp",
            name = "Calpe TCP_CHECK checker", description = "A TCP_CHECK block" + EDIT)
    @interface TcpCheckOcd {
        @AttributeDefinition(name = "Object", description = "The object in keepalived.conf")
        String calpe_label();

        @AttributeDefinition(name = "Source", description = "file:line in keepalived.conf")
        String calpe_source();

        @AttributeDefinition(name = "Content hash", description = "SHA-256 of the properties")
        String calpe_hash();

        @AttributeDefinition(name = "Managed", description = "Owned by the keepalived.conf translation",
                type = AttributeType.BOOLEAN)
        boolean calpe_managed() default true;

        String webconsole_configurationFactory_nameHint() default "{calpe.label}";
    }

    @ObjectClassDefinition(id = "org.calpe.check.Misc", factoryPid = "org.calpe.check.Misc",
            name = "Calpe MISC_CHECK checker", description = "A MISC_CHECK block" + EDIT)
    @interface MiscCheckOcd {
        @AttributeDefinition(name = "Object", description = "The object in keepalived.conf")
        String calpe_label();

        @AttributeDefinition(name = "Source", description = "file:line in keepalived.conf")
        String calpe_source();

        @AttributeDefinition(name = "Content hash", description = "SHA-256 of the properties")
        String calpe_hash();

        @AttributeDefinition(name = "Managed", description = "Owned by the keepalived.conf translation",
                type = AttributeType.BOOLEAN)
        boolean calpe_managed() default true;

        String webconsole_configurationFactory_nameHint() default "{calpe.label}";
    }

    @ObjectClassDefinition(id = "org.calpe.check.Smtp", factoryPid = "org.calpe.check.Smtp",
            name = "Calpe SMTP_CHECK checker", description = "A SMTP_CHECK block" + EDIT)
    @interface SmtpCheckOcd {
        @AttributeDefinition(name = "Object", description = "The object in keepalived.conf")
        String calpe_label();

        @AttributeDefinition(name = "Source", description = "file:line in keepalived.conf")
        String calpe_source();

        @AttributeDefinition(name = "Content hash", description = "SHA-256 of the properties")
        String calpe_hash();

        @AttributeDefinition(name = "Managed", description = "Owned by the keepalived.conf translation",
                type = AttributeType.BOOLEAN)
        boolean calpe_managed() default true;

        String webconsole_configurationFactory_nameHint() default "{calpe.label}";
    }

    @ObjectClassDefinition(id = "org.calpe.check.Dns", factoryPid = "org.calpe.check.Dns",
            name = "Calpe DNS_CHECK checker", description = "A DNS_CHECK block" + EDIT)
    @interface DnsCheckOcd {
        @AttributeDefinition(name = "Object", description = "The object in keepalived.conf")
        String calpe_label();

        @AttributeDefinition(name = "Source", description = "file:line in keepalived.conf")
        String calpe_source();

        @AttributeDefinition(name = "Content hash", description = "SHA-256 of the properties")
        String calpe_hash();

        @AttributeDefinition(name = "Managed", description = "Owned by the keepalived.conf translation",
                type = AttributeType.BOOLEAN)
        boolean calpe_managed() default true;

        String webconsole_configurationFactory_nameHint() default "{calpe.label}";
    }

    @ObjectClassDefinition(id = "org.calpe.check.Udp", factoryPid = "org.calpe.check.Udp",
            name = "Calpe UDP_CHECK checker", description = "A UDP_CHECK block" + EDIT)
    @interface UdpCheckOcd {
        @AttributeDefinition(name = "Object", description = "The object in keepalived.conf")
        String calpe_label();

        @AttributeDefinition(name = "Source", description = "file:line in keepalived.conf")
        String calpe_source();

        @AttributeDefinition(name = "Content hash", description = "SHA-256 of the properties")
        String calpe_hash();

        @AttributeDefinition(name = "Managed", description = "Owned by the keepalived.conf translation",
                type = AttributeType.BOOLEAN)
        boolean calpe_managed() default true;

        String webconsole_configurationFactory_nameHint() default "{calpe.label}";
    }

    @ObjectClassDefinition(id = "org.calpe.check.Ping", factoryPid = "org.calpe.check.Ping",
            name = "Calpe PING_CHECK checker", description = "A PING_CHECK block" + EDIT)
    @interface PingCheckOcd {
        @AttributeDefinition(name = "Object", description = "The object in keepalived.conf")
        String calpe_label();

        @AttributeDefinition(name = "Source", description = "file:line in keepalived.conf")
        String calpe_source();

        @AttributeDefinition(name = "Content hash", description = "SHA-256 of the properties")
        String calpe_hash();

        @AttributeDefinition(name = "Managed", description = "Owned by the keepalived.conf translation",
                type = AttributeType.BOOLEAN)
        boolean calpe_managed() default true;

        String webconsole_configurationFactory_nameHint() default "{calpe.label}";
    }

    @ObjectClassDefinition(id = "org.calpe.check.File", factoryPid = "org.calpe.check.File",
            name = "Calpe FILE_CHECK checker", description = "A FILE_CHECK block" + EDIT)
    @interface FileCheckOcd {
        @AttributeDefinition(name = "Object", description = "The object in keepalived.conf")
        String calpe_label();

        @AttributeDefinition(name = "Source", description = "file:line in keepalived.conf")
        String calpe_source();

        @AttributeDefinition(name = "Content hash", description = "SHA-256 of the properties")
        String calpe_hash();

        @AttributeDefinition(name = "Managed", description = "Owned by the keepalived.conf translation",
                type = AttributeType.BOOLEAN)
        boolean calpe_managed() default true;

        String webconsole_configurationFactory_nameHint() default "{calpe.label}";
    }

    @ObjectClassDefinition(id = "org.calpe.check.Bfd", factoryPid = "org.calpe.check.Bfd",
            name = "Calpe BFD_CHECK checker", description = "A BFD_CHECK block" + EDIT)
    @interface BfdCheckOcd {
        @AttributeDefinition(name = "Object", description = "The object in keepalived.conf")
        String calpe_label();

        @AttributeDefinition(name = "Source", description = "file:line in keepalived.conf")
        String calpe_source();

        @AttributeDefinition(name = "Content hash", description = "SHA-256 of the properties")
        String calpe_hash();

        @AttributeDefinition(name = "Managed", description = "Owned by the keepalived.conf translation",
                type = AttributeType.BOOLEAN)
        boolean calpe_managed() default true;

        String webconsole_configurationFactory_nameHint() default "{calpe.label}";
    }
}
