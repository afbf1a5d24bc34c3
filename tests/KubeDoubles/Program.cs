using MultiCloud.KubeDoubles.ApiServer;
using MultiCloud.KubeDoubles.Common;
using MultiCloud.KubeDoubles.Controllers;
using MultiCloud.KubeDoubles.Kubeadm;
using MultiCloud.KubeDoubles.Kubelet;

// TEST DOUBLE. One program for the four Kubernetes components the lab cannot have; the packages' wrappers
// (/usr/bin/kubeadm, /usr/bin/kubelet, and the kubelet's static pod runner) pass the component as argument 1.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: mc-kube-double kubeadm|kubelet|kube-apiserver|kube-controller-manager [flags]");
    return 2;
}
var rest = args[1..];
try
{
    return args[0] switch
    {
        "kubeadm" => await KubeadmCommand.RunAsync(rest),
        "kubelet" => await KubeletDaemon.RunAsync(rest),
        "kube-apiserver" => await ApiServerHost.RunAsync(rest),
        "kube-controller-manager" => await ControllerManager.RunAsync(rest),
        _ => Usage(args[0]),
    };
}
catch (CommandException error)
{
    Console.Error.WriteLine(error.Message);
    return error.ExitCode;
}
catch (k8s.Autorest.HttpOperationException error)
{
    // An API answer nothing above expected: reported with its status, as client-go's errors are, never a crash.
    Console.Error.WriteLine($"error: the server answered {(int)error.Response.StatusCode}: {error.Response.Content}");
    return 1;
}

static int Usage(string name)
{
    Console.Error.WriteLine($"mc-kube-double: unknown component \"{name}\"");
    return 2;
}
