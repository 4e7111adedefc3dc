/**
 * A scriptable loopback HTTP/1.1 server for the project's tests ({@link cn.scenext.testsupport.server.MockServer}):
 * queued or routed responses, faults (cut bodies, closed or reset connections), throttled and chunked bodies, and a
 * log of every request, written before the response is sent. Not published; used in test scope only.
 */
package cn.scenext.testsupport.server;
