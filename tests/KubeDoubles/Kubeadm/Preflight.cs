using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using MultiCloud.KubeDoubles.ApiServer;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Kubeadm;

/// <summary>The preflight checks of kubeadm init/join that matter on these hosts, with their names and wording.</summary>
public sealed class Preflight
{
    private readonly List<string> _errors = new();
    private readonly HashSet<string> _ignored;

    public Preflight(IEnumerable<string> ignored) => _ignored = ignored.Select(i => i.ToLowerInvariant()).ToHashSet();

    private void Fail(string check, string message)
    {
        if (_ignored.Contains("all") || _ignored.Contains(check.ToLowerInvariant()))
        {
            Console.WriteLine($"\t[WARNING {check}]: {message}");
            return;
        }
        _errors.Add($"\t[ERROR {check}]: {message}");
    }

    public Preflight FileAvailable(string path)
    {
        if (File.Exists(HostPaths.Path(path))) Fail("FileAvailable-" + path.Replace('/', '-'), $"{path} already exists");
        return this;
    }

    public Preflight DirEmpty(string path)
    {
        var dir = HostPaths.Path(path);
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any(e => !Path.GetFileName(e).StartsWith('.')))
            Fail("DirAvailable-" + path.Replace('/', '-'), $"{path} is not empty");
        return this;
    }

    public Preflight PortFree(string address, int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Parse(address), port);
            listener.Start();
        }
        catch (SocketException)
        {
            Fail($"Port-{port}", $"Port {port} is in use");
        }
        return this;
    }

    public Preflight ExternalEtcd(JsonObject cluster)
    {
        if (cluster["etcd"]?["external"] is not JsonObject ext) return this;
        var endpoints = (ext["endpoints"] as JsonArray ?? new JsonArray()).Select(e => e!.GetValue<string>()).ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var etcd = new EtcdClient(endpoints, Maybe(ext, "caFile"), Maybe(ext, "certFile"), Maybe(ext, "keyFile"));
                etcd.CurrentRevisionAsync(CancellationToken.None).GetAwaiter().GetResult();
                return this;
            }
            catch (EtcdUnavailableException) when (attempt < 3)
            {
                // kubeadm's etcd client retries too; a member that has just started may be slow to answer.
                Thread.Sleep(1000);
            }
            catch (Exception error) when (error is EtcdUnavailableException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                Fail("ExternalEtcdVersion", $"Get \"{endpoints.FirstOrDefault()}/version\": {error.Message}");
                return this;
            }
        }
    }

    private static string? Maybe(JsonObject ext, string field) =>
        KubeadmSettings.S(ext, field) is { Length: > 0 } path ? HostPaths.Path(path) : null;

    public void ThrowIfFailed(string phase)
    {
        if (_errors.Count == 0) return;
        throw new CommandException($"error execution phase {phase}: [preflight] Some fatal errors occurred:\n{string.Join("\n", _errors)}\n[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`");
    }
}
