using System.Net;
using System.Net.Sockets;

namespace MultiCloud.KubeDoubles.Tests.Infrastructure;

/// <summary>Ports on 127.0.0.1 nothing listens on right now (other test runs may share the machine).</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
