using System.Net;
using System.Net.Sockets;

namespace CniBot.Tests;

/// <summary>Ports on 127.0.0.1 for servers the tests start (hosts, redis-server) or need closed.</summary>
internal static class LoopbackPorts
{
    /// <summary>A port nothing listens on right now: the system hands it out, and it is released at once.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
