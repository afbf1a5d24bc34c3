namespace MultiCloud.Engine.Planning
{
    /// <summary>Kinds of plan tasks, covering the whole roadmap. Listed in the order a plan runs them.</summary>
    public enum TaskKind
    {
        /// <summary>Create VMs, networks, disks (dynamic pools) or register machines (static pools).</summary>
        CreateInfrastructure,
        /// <summary>Firewall rules of cloud machines: SSH from the operator, WireGuard from the other nodes, load-balancer ports.</summary>
        ConfigureFirewalls,
        /// <summary>Connect, pin the host key, detect the OS, install packages, set sysctls.</summary>
        PrepareNodes,
        /// <summary>WireGuard full mesh among all nodes of the cluster.</summary>
        ConfigureMesh,
        /// <summary>nginx stream configuration on load-balancer nodes.</summary>
        ConfigureLoadBalancers,
        /// <summary>DNS records pointing at the load-balancer nodes.</summary>
        UpdateDns,
        /// <summary>Container runtime, CNI, kubeadm/kubelet/kubectl and kernel settings on Kubernetes nodes.</summary>
        PrepareKubernetes,
        /// <summary>etcd on the control nodes: the first member, then members added one at a time.</summary>
        ConfigureEtcd,
        /// <summary>kubeadm init on the first control node.</summary>
        InitKubernetes,
        /// <summary>kubeadm join of further control and compute nodes.</summary>
        JoinKubernetes,
        /// <summary>Labels, taints and annotations of Kubernetes nodes.</summary>
        ConfigureNodeMetadata,
        /// <summary>Longhorn and its storage classes.</summary>
        InstallStorage,
        /// <summary>Rolling Kubernetes upgrade.</summary>
        UpgradeKubernetes,
        /// <summary>Cordon and drain nodes before they leave.</summary>
        DrainNodes,
        /// <summary>kubectl delete node and etcd member removal.</summary>
        RemoveKubernetesNodes,
        /// <summary>Delete VMs and their resources, or release static machines.</summary>
        DeleteInfrastructure,
        /// <summary>Remove what is left: DNS records, cluster-wide resources, state.</summary>
        Cleanup,
    }

    /// <summary>What a step does; the executor finds the handler for a step by this kind.</summary>
    public enum StepKind
    {
        RegisterStaticNodes,
        /// <summary>Make or find a provider's network, SSH key and pool firewalls in a region (target "provider/region").</summary>
        EnsureNetwork,
        CreateVirtualMachines,
        PrepareNodes,
        GenerateMeshKeys,
        WriteMeshConfig,
        WriteLoadBalancerConfig,
        UpdateDnsRecords,
        PrepareKubernetesNodes,
        StartEtcd,
        AddEtcdMember,
        InitControlPlane,
        JoinControlPlane,
        JoinWorkers,
        ApplyNodeMetadata,
        InstallLonghorn,
        UpgradeNodes,
        DrainNodes,
        RemoveEtcdMembers,
        DeleteKubernetesNodes,
        ResetKubernetesNodes,
        DeleteVirtualMachines,
        /// <summary>Delete a region's leftover machines (found by tag) and its network once no node of the cluster is left there.</summary>
        DeleteNetwork,
        ReleaseStaticNodes,
        DeleteDnsRecords,
    }

    /// <summary>Layers of a cluster, bottom up; a plan can stop after one (PlanOptions.Until).</summary>
    public enum ClusterLayer
    {
        Infrastructure,
        Nodes,
        Mesh,
        LoadBalancers,
        Kubernetes,
        Storage,
    }
}
