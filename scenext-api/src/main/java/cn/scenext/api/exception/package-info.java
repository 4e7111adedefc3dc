/**
 * What the SDK raises: every failure is a {@link cn.scenext.api.exception.ScenextException} (unchecked), and its
 * subclass says what went wrong (the key refused, the service refusing a request, a task not found, a wait
 * past its deadline, a transport failure, an unreadable response, a download or webhook problem).
 * {@link cn.scenext.api.exception.ErrorDetails} carries what the service said, never the API key.
 */
package cn.scenext.api.exception;
