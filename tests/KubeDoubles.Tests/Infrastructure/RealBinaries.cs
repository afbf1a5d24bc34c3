using MultiCloud.Lab.Tests.Infrastructure;

namespace MultiCloud.KubeDoubles.Tests.Infrastructure;

/// <summary>
/// The real etcd 3.5.16 and kubectl 1.32.3 the tests use, taken from the lab package repository (which holds
/// Debian's binaries: etcd in its release archive, kubectl in its .deb), unpacked once per test run.
/// </summary>
public sealed class RealBinaries
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static RealBinaries? instance;

    private RealBinaries(string folder)
    {
        Etcd = Path.Combine(folder, "etcd-v3.5.16-linux-amd64", "etcd");
        Etcdctl = Path.Combine(folder, "etcd-v3.5.16-linux-amd64", "etcdctl");
        Kubectl = Path.Combine(folder, "usr", "bin", "kubectl");
    }

    public string Etcd { get; }
    public string Etcdctl { get; }
    public string Kubectl { get; }

    public static async Task<RealBinaries> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (instance != null) return instance;
            var repo = await LabScript.RepositoryFolderAsync();
            // One unpacked copy per repository version (repo-<key>), shared by later runs instead of one per run.
            var folder = Path.Combine(Path.GetTempPath(), "mc-kube-bins-" + Path.GetFileName(repo));
            if (!File.Exists(Path.Combine(folder, ".complete")))
            {
                var staging = Directory.CreateTempSubdirectory("mc-kube-bins-staging-").FullName;
                await Must("tar", "-xzf", Path.Combine(repo, "etcd", "v3.5.16", "etcd-v3.5.16-linux-amd64.tar.gz"), "-C", staging);
                await Must("dpkg-deb", "-x", Path.Combine(repo, "k8s", "kubectl_1.32.3-1.1_amd64.deb"), staging);
                await File.WriteAllTextAsync(Path.Combine(staging, ".complete"), repo);
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                Directory.Move(staging, folder);
            }
            return instance = new RealBinaries(folder);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task Must(string program, params string[] args)
    {
        var result = await LocalProcess.RunAsync(program, args, null, TimeSpan.FromMinutes(2));
        if (!result.Succeeded) throw new InvalidOperationException($"{program} {string.Join(" ", args)}: {result.StandardError}");
    }
}
