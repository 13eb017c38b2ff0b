package io.jvirt.api;

import java.util.List;
import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A port of a virtual network ({@code virNetworkPortPtr}): a guest interface's claim on a
 * network, named by its network and its UUID. A hypervisor driver creates one when it connects an
 * interface of {@code type='network'} and follows the port's {@code <plug>}; it lasts while its
 * network is active (destroying the network deletes its ports).
 */
@ProviderType
public interface NetworkPort {
    /** {@code virNetworkPortGetParameters} and {@code SetParameters}: inbound average rate, in kilobytes per second (UINT). */
    String BANDWIDTH_IN_AVERAGE = "inbound.average";
    /** Inbound peak rate, kilobytes per second (UINT). */
    String BANDWIDTH_IN_PEAK = "inbound.peak";
    /** Inbound burst, kilobytes (UINT). */
    String BANDWIDTH_IN_BURST = "inbound.burst";
    /** Inbound floor: the rate guaranteed to the port, kilobytes per second (UINT). */
    String BANDWIDTH_IN_FLOOR = "inbound.floor";
    /** Outbound average rate, kilobytes per second (UINT). */
    String BANDWIDTH_OUT_AVERAGE = "outbound.average";
    /** Outbound peak rate, kilobytes per second (UINT). */
    String BANDWIDTH_OUT_PEAK = "outbound.peak";
    /** Outbound burst, kilobytes (UINT). */
    String BANDWIDTH_OUT_BURST = "outbound.burst";

    /** {@code virNetworkPortGetNetwork}. */
    Network getNetwork();

    /** {@code virNetworkPortGetUUID}. */
    UUID getUUID();

    default String getUUIDString() {
        return getUUID().toString();
    }

    default Connect getConnect() {
        return getNetwork().getConnect();
    }

    /** {@code virNetworkPortGetXMLDesc}: the {@code <networkport>} document, with its plug. */
    String getXMLDesc();

    /**
     * {@code virNetworkPortGetParameters}: the port's bandwidth as the {@code BANDWIDTH_*} parameters
     * (all four inbound ones when it has an inbound rate, the three outbound ones with an outbound
     * rate; none without bandwidth).
     */
    List<TypedParameter> getParameters();

    /**
     * {@code virNetworkPortSetParameters}: replaces the port's bandwidth by the rates given (an
     * inbound rate needs an average or a floor, an outbound one an average; unknown names are ignored).
     */
    void setParameters(List<TypedParameter> params);

    /** {@code virNetworkPortDelete}: releases the port. */
    void delete();
}
