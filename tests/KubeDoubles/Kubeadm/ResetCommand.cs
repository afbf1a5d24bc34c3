using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Kubeadm;

/// <summary>kubeadm reset: stops the kubelet (and with it the static pods it runs) and removes what init/join wrote.</summary>
public static class ResetCommand
{
    private static readonly string[] Files =
    {
        "/etc/kubernetes/admin.conf", "/etc/kubernetes/super-admin.conf", "/etc/kubernetes/kubelet.conf",
        "/etc/kubernetes/bootstrap-kubelet.conf", "/etc/kubernetes/controller-manager.conf", "/etc/kubernetes/scheduler.conf",
    };

    public static int Run(FlagSet flags)
    {
        if (!flags.Bool("force"))
        {
            Console.Write("[reset] Are you sure you want to proceed? [y/N]: ");
            var answer = Console.ReadLine();
            if (answer is not ("y" or "Y" or "yes")) throw new CommandException("won't proceed; the user didn't answer (Y|y) in order to continue");
        }
        var settings = flags.String("config") != null ? KubeadmSettings.Load(flags.String("config"), "reset") : null;
        var pki = flags.String("cert-dir") ?? "/etc/kubernetes/pki";
        Console.WriteLine("[preflight] Running pre-flight checks");
        Console.WriteLine("[reset] Deleted contents of the etcd data directory: skipped, no etcd config found. Assuming external etcd");
        Console.WriteLine("[reset] Please, manually reset etcd to prevent further issues");
        Console.WriteLine("[reset] Stopping the kubelet service");
        HostPaths.Systemctl("stop", "kubelet");
        var dirs = new[] { "/etc/kubernetes/manifests", "/var/lib/kubelet", pki };
        Console.WriteLine($"[reset] Deleting contents of directories: [{string.Join(" ", dirs)}]");
        foreach (var dir in dirs.Select(HostPaths.Path).Where(Directory.Exists))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(dir))
            {
                if (Directory.Exists(entry) && !File.GetAttributes(entry).HasFlag(FileAttributes.ReparsePoint)) Directory.Delete(entry, recursive: true);
                else File.Delete(entry);
            }
        }
        Console.WriteLine($"[reset] Deleting files: [{string.Join(" ", Files)}]");
        foreach (var file in Files) File.Delete(HostPaths.Path(file));
        Console.WriteLine("\nThe reset process does not clean CNI configuration. To do so, you must remove /etc/cni/net.d\n\nThe reset process does not reset or clean up iptables rules or IPVS tables.\n\nThe reset process does not clean your kubeconfig files and you must remove them manually.\nPlease, check the contents of the $HOME/.kube/config file.");
        _ = settings;
        return 0;
    }
}
