namespace MultiCloud.KubeDoubles.Tests.Infrastructure;

/// <summary>Hand-written kubeadm v1beta4 configurations for the tests: one control-plane node's InitConfiguration,
/// ClusterConfiguration (external etcd, MultiCloud's controller-manager setting) and KubeletConfiguration.</summary>
public static class KubeadmConfigs
{
    public static string Init(string node, string address, int port, string etcd, string clusterExtra = "", string kubeletExtra = "") => $"""
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: InitConfiguration
        nodeRegistration:
          name: {node}
          kubeletExtraArgs:
          - name: node-ip
            value: {address}
        localAPIEndpoint:
          advertiseAddress: {address}
          bindPort: {port}
        ---
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: ClusterConfiguration
        kubernetesVersion: v1.32.3
        controlPlaneEndpoint: {address}:{port}
        etcd:
          external:
        {etcd}
        networking:
          podSubnet: 10.244.0.0/16
          serviceSubnet: 10.96.0.0/12
        controllerManager:
          extraArgs:
          - name: allocate-node-cidrs
            value: "false"
        {clusterExtra}
        ---
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        cgroupDriver: systemd
        {kubeletExtra}
        """;
}
