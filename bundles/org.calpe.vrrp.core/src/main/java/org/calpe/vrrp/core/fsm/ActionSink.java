package org.calpe.vrrp.core.fsm;

/**
 * Receives the actions of a state machine, in the order the runtime must execute them. Called synchronously from
 * inside the machine's methods; implementations queue or execute them but must not call back into the machine.
 */
@FunctionalInterface
public interface ActionSink {
    void accept(VrrpAction action);
}
