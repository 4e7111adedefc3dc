/**
 * The transport service-provider interface: a {@link cn.scenext.api.transport.Transport} moves the bytes of an
 * {@link cn.scenext.api.transport.HttpRequest} and gives back an {@link cn.scenext.api.transport.HttpResponse};
 * it knows nothing of the API. Implementations are found through {@link java.util.ServiceLoader} by their
 * {@link cn.scenext.api.transport.TransportProvider}. {@link cn.scenext.api.transport.BoundedBuffer} and
 * {@link cn.scenext.api.transport.TransportFailures} help an implementation meet the contract that
 * {@code scenext-transport-tck} checks.
 */
package cn.scenext.api.transport;
