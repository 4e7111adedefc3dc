package cn.scenext.okhttp;

import cn.scenext.api.transport.TransportProvider;
import cn.scenext.tck.TransportContractTest;

/** The okhttp transport passes the transport contract. */
class OkHttpTransportContractTest extends TransportContractTest {
    @Override
    protected TransportProvider provider() {
        return new OkHttpTransportProvider();
    }
}
