using System.Security.Cryptography;
using Longhaul.Linux;
using Longhaul.Packets;

namespace Longhaul.Director.Tests;

/// <summary>
/// client ns —veth— director ns —veth— real ns, in namespaces named lhtest-dir-&lt;random&gt;-{c,d,r} that
/// Dispose always deletes (their veths go with them). Addresses from documentation ranges; nothing is linked
/// to the host, so no test traffic leaves these namespaces.
/// </summary>
internal sealed class DirectorTopology : IDisposable
{
    public static readonly NetAddress ClientAddress = NetAddress.Parse("198.51.100.2");
    public static readonly NetAddress DirectorClientSide = NetAddress.Parse("198.51.100.1");
    public static readonly NetAddress DirectorRealSide = NetAddress.Parse("100.64.1.1");
    public static readonly NetAddress RealAddress = NetAddress.Parse("100.64.1.2");

    private readonly List<NetworkNamespace> _namespaces = [];

    public DirectorTopology()
    {
        Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        try
        {
            Client = Create("c");
            Director = Create("d");
            Real = Create("r");

            IpCommand director = IpCommand.InNamespace(Director.Name);
            IpCommand client = IpCommand.InNamespace(Client.Name);
            IpCommand real = IpCommand.InNamespace(Real.Name);
            director.AddVethPair("dc0", "c0", Client.Name);
            director.AddVethPair("dr0", "r0", Real.Name);
            director.AddAddress("dc0", $"{DirectorClientSide}/24");
            director.AddAddress("dr0", $"{DirectorRealSide}/24");
            director.LinkSetUp("dc0");
            director.LinkSetUp("dr0");
            client.AddAddress("c0", $"{ClientAddress}/24");
            client.LinkSetUp("c0");
            client.AddRoute("default", via: DirectorClientSide.ToString());
            real.AddAddress("r0", $"{RealAddress}/24");
            real.LinkSetUp("r0");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Id { get; }

    public NetworkNamespace Client { get; }

    public NetworkNamespace Director { get; }

    public NetworkNamespace Real { get; }

    public void Dispose()
    {
        foreach (NetworkNamespace ns in _namespaces)
        {
            ns.Dispose();
        }

        _namespaces.Clear();
    }

    private NetworkNamespace Create(string role)
    {
        NetworkNamespace ns = NetworkNamespace.Create($"lhtest-dir-{Id}-{role}");
        _namespaces.Add(ns);
        return ns;
    }
}
