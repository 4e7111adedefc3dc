package cn.scenext.apache;

import cn.scenext.api.transport.TransportProvider;
import cn.scenext.tck.TransportContractTest;

/** The apache transport passes the transport contract. */
class ApacheTransportContractTest extends TransportContractTest {
    @Override
    protected TransportProvider provider() {
        return new ApacheTransportProvider();
    }
}
