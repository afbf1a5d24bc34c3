using System.Globalization;
using System.Net;

namespace MultiCloud.Engine.Kubernetes
{
    /// <summary>
    /// The container runtime and pod network files of a Kubernetes node: containerd's configuration (systemd cgroups,
    /// Debian's CNI plugin folder) and the CNI conflist: a bridge mc0 on the node's pod /24 (gateway its first address,
    /// MTU the mesh MTU, since pod traffic to other nodes rides wg0 unwrapped), host-local addresses, portmap.
    /// </summary>
    public static class NodeRuntimeConfig
    {
        public const string ContainerdConfigPath = "/etc/containerd/config.toml";
        public const string CniConfigPath = "/etc/cni/net.d/10-multicloud.conflist";
        public const string CniBinDirectory = "/usr/lib/cni";
        public const string BridgeName = "mc0";
        public const string SandboxImage = "registry.k8s.io/pause:3.10";

        public static string Containerd() => @"# Managed by MultiCloud: containerd for Kubernetes. Changes are overwritten.
version = 2

[plugins.""io.containerd.grpc.v1.cri""]
  sandbox_image = """ + SandboxImage + @"""

  [plugins.""io.containerd.grpc.v1.cri"".containerd.runtimes.runc]
    runtime_type = ""io.containerd.runc.v2""

    [plugins.""io.containerd.grpc.v1.cri"".containerd.runtimes.runc.options]
      SystemdCgroup = true

  [plugins.""io.containerd.grpc.v1.cri"".cni]
    bin_dir = """ + CniBinDirectory + @"""
    conf_dir = ""/etc/cni/net.d""
";

        public static string CniConflist(string podCidr, int mtu) => @"{
  ""cniVersion"": ""1.0.0"",
  ""name"": ""multicloud"",
  ""plugins"": [
    {
      ""type"": ""bridge"",
      ""bridge"": """ + BridgeName + @""",
      ""isGateway"": true,
      ""ipMasq"": false,
      ""hairpinMode"": true,
      ""mtu"": " + mtu.ToString(CultureInfo.InvariantCulture) + @",
      ""ipam"": {
        ""type"": ""host-local"",
        ""ranges"": [[{ ""subnet"": """ + podCidr + @""", ""gateway"": """ + Gateway(podCidr) + @""" }]],
        ""routes"": [{ ""dst"": ""0.0.0.0/0"" }]
      }
    },
    {
      ""type"": ""portmap"",
      ""capabilities"": { ""portMappings"": true }
    }
  ]
}
";

        /// <summary>The first address of a pod /24: the bridge's own.</summary>
        public static string Gateway(string podCidr)
        {
            var network = podCidr.Substring(0, podCidr.IndexOf('/'));
            var bytes = IPAddress.Parse(network).GetAddressBytes();
            bytes[3] = (byte)(bytes[3] + 1);
            return new IPAddress(bytes).ToString();
        }
    }
}
