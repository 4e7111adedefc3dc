/**
 * What the {@code okhttp} and {@code retrofit} transports share: the setup of the OkHttp client they own
 * ({@link cn.scenext.okhttp.internal.OkHttpClients}) and the conversion of requests and responses
 * ({@link cn.scenext.okhttp.internal.OkHttpConversion}). Internal: no compatibility promise, left out of the
 * published Javadoc; this module registers no transport provider.
 */
package cn.scenext.okhttp.internal;
