package cn.scenext.retrofit;

import cn.scenext.api.transport.TransportProvider;
import cn.scenext.tck.TransportContractTest;

/** The retrofit transport passes the transport contract. */
class RetrofitTransportContractTest extends TransportContractTest {
    @Override
    protected TransportProvider provider() {
        return new RetrofitTransportProvider();
    }
}
