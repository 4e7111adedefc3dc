/**
 * What the SDK raises: every failure is a {@link cn.scenext.api.exception.ScenextException} (unchecked), and its
 * subclass says what went wrong (the key refused, the service refusing a request, a task not found, a wait
 * past its deadline, a transport failure, an unreadable response, a download or webhook problem).
 * {@link cn.scenext.api.exception.ErrorDetails} carries what the service said, never the API key.
 *
 * <p>A bad value given to a builder, an options type or a request's factory is not a failure of a call but a
 * programming error: it raises an {@link cn.scenext.api.exception.InvalidValueException}, an
 * {@link java.lang.IllegalArgumentException}, where the value is given.
 */
package cn.scenext.api.exception;
