/**
 * Helpers shared by the project's own modules. <b>Not API:</b> anything here may change or disappear in any
 * release, without notice; it is left out of the published Javadoc and of the API listings.
 */
package cn.scenext.api.internal;
