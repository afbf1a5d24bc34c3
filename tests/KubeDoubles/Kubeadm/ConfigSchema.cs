namespace MultiCloud.KubeDoubles.Kubeadm;

/// <summary>
/// The Go types of kubeadm.k8s.io/v1beta4 as of Kubernetes 1.32 (cmd/kubeadm/app/apis/kubeadm/v1beta4/types.go),
/// reduced to field name and type, so that a document can be decoded the way kubeadm's strict and lenient decoders do.
/// Component configs (KubeletConfiguration, KubeProxyConfiguration) are checked at the top level only.
/// </summary>
public static class ConfigSchema
{
    public const string KubeadmGroup = "kubeadm.k8s.io";

    // Field types: "string", "bool", "int32", "duration", "any", "[]T", "map[string]string", "map[string]bool", or a type name.
    public static readonly Dictionary<string, Dictionary<string, string>> Types = new()
    {
        ["InitConfiguration"] = F("apiVersion:string kind:string bootstrapTokens:[]BootstrapToken dryRun:bool nodeRegistration:NodeRegistrationOptions localAPIEndpoint:APIEndpoint certificateKey:string skipPhases:[]string patches:Patches timeouts:Timeouts"),
        ["ClusterConfiguration"] = F("apiVersion:string kind:string etcd:Etcd networking:Networking kubernetesVersion:string controlPlaneEndpoint:string apiServer:APIServer controllerManager:ControlPlaneComponent scheduler:ControlPlaneComponent dns:DNS proxy:Proxy certificatesDir:string imageRepository:string featureGates:map[string]bool clusterName:string encryptionAlgorithm:string certificateValidityPeriod:duration caCertificateValidityPeriod:duration"),
        ["JoinConfiguration"] = F("apiVersion:string kind:string dryRun:bool nodeRegistration:NodeRegistrationOptions caCertPath:string discovery:Discovery controlPlane:JoinControlPlane skipPhases:[]string patches:Patches timeouts:Timeouts"),
        ["ResetConfiguration"] = F("apiVersion:string kind:string cleanupTmpDir:bool certificatesDir:string criSocket:string dryRun:bool force:bool ignorePreflightErrors:[]string skipPhases:[]string unmountFlags:[]string"),
        ["UpgradeConfiguration"] = F("apiVersion:string kind:string apply:any diff:any node:any plan:any timeouts:Timeouts"),
        ["BootstrapToken"] = F("token:string description:string ttl:duration expires:string usages:[]string groups:[]string"),
        ["NodeRegistrationOptions"] = F("name:string criSocket:string taints:[]Taint kubeletExtraArgs:[]Arg ignorePreflightErrors:[]string imagePullPolicy:string imagePullSerial:bool"),
        ["Taint"] = F("key:string value:string effect:string timeAdded:string"),
        ["APIEndpoint"] = F("advertiseAddress:string bindPort:int32"),
        ["Patches"] = F("directory:string"),
        ["Timeouts"] = F("controlPlaneComponentHealthCheck:duration kubeletHealthCheck:duration kubernetesAPICall:duration etcdAPICall:duration tlsBootstrap:duration discovery:duration upgradeManifests:duration"),
        ["Etcd"] = F("local:LocalEtcd external:ExternalEtcd"),
        ["LocalEtcd"] = F("imageRepository:string imageTag:string dataDir:string extraArgs:[]Arg extraEnvs:[]EnvVar serverCertSANs:[]string peerCertSANs:[]string"),
        ["ExternalEtcd"] = F("endpoints:[]string caFile:string certFile:string keyFile:string"),
        ["Networking"] = F("serviceSubnet:string podSubnet:string dnsDomain:string"),
        ["APIServer"] = F("extraArgs:[]Arg extraVolumes:[]HostPathMount extraEnvs:[]EnvVar certSANs:[]string"),
        ["ControlPlaneComponent"] = F("extraArgs:[]Arg extraVolumes:[]HostPathMount extraEnvs:[]EnvVar"),
        ["DNS"] = F("imageRepository:string imageTag:string disabled:bool"),
        ["Proxy"] = F("disabled:bool"),
        ["Arg"] = F("name:string value:string"),
        ["HostPathMount"] = F("name:string hostPath:string mountPath:string readOnly:bool pathType:string"),
        ["EnvVar"] = F("name:string value:string valueFrom:any"),
        ["Discovery"] = F("bootstrapToken:BootstrapTokenDiscovery file:FileDiscovery tlsBootstrapToken:string"),
        ["BootstrapTokenDiscovery"] = F("token:string apiServerEndpoint:string caCertHashes:[]string unsafeSkipCAVerification:bool"),
        ["FileDiscovery"] = F("kubeConfigPath:string"),
        ["JoinControlPlane"] = F("localAPIEndpoint:APIEndpoint certificateKey:string"),
        ["KubeletConfiguration"] = Any("apiVersion kind enableServer staticPodPath podLogsDir syncFrequency fileCheckFrequency httpCheckFrequency staticPodURL staticPodURLHeader address port readOnlyPort tlsCertFile tlsPrivateKeyFile tlsCipherSuites tlsMinVersion rotateCertificates serverTLSBootstrap authentication authorization registryPullQPS registryBurst eventRecordQPS eventBurst enableDebuggingHandlers enableContentionProfiling healthzPort healthzBindAddress oomScoreAdj clusterDomain clusterDNS streamingConnectionIdleTimeout nodeStatusUpdateFrequency nodeStatusReportFrequency nodeLeaseDurationSeconds imageMinimumGCAge imageMaximumGCAge imageGCHighThresholdPercent imageGCLowThresholdPercent volumeStatsAggPeriod kubeletCgroups systemCgroups cgroupRoot cgroupsPerQOS cgroupDriver cpuManagerPolicy singleProcessOOMKill cpuManagerPolicyOptions cpuManagerReconcilePeriod memoryManagerPolicy topologyManagerPolicy topologyManagerScope topologyManagerPolicyOptions qosReserved runtimeRequestTimeout hairpinMode maxPods podCIDR podPidsLimit resolvConf runOnce cpuCFSQuota cpuCFSQuotaPeriod nodeStatusMaxImages maxOpenFiles contentType kubeAPIQPS kubeAPIBurst serializeImagePulls maxParallelImagePulls evictionHard evictionSoft evictionSoftGracePeriod evictionPressureTransitionPeriod evictionMaxPodGracePeriod evictionMinimumReclaim podsPerCore enableControllerAttachDetach protectKernelDefaults makeIPTablesUtilChains iptablesMasqueradeBit iptablesDropBit featureGates failSwapOn memorySwap containerLogMaxSize containerLogMaxFiles containerLogMaxWorkers containerLogMonitorInterval configMapAndSecretChangeDetectionStrategy systemReserved kubeReserved reservedSystemCPUs showHiddenMetricsForVersion systemReservedCgroup kubeReservedCgroup enforceNodeAllocatable allowedUnsafeSysctls volumePluginDir providerID kernelMemcgNotification logging enableSystemLogHandler enableSystemLogQuery shutdownGracePeriod shutdownGracePeriodCriticalPods shutdownGracePeriodByPodPriority crashLoopBackOff reservedMemory enableProfilingHandler enableDebugFlagsHandler seccompDefault memoryThrottlingFactor registerWithTaints registerNode tracing localStorageCapacityIsolation containerRuntimeEndpoint imageServiceEndpoint failCgroupV1"),
        ["KubeProxyConfiguration"] = Any("apiVersion kind featureGates clientConnection logging hostnameOverride bindAddress healthzBindAddress metricsBindAddress bindAddressHardFail enableProfiling showHiddenMetricsForVersion mode iptables ipvs nftables winkernel detectLocalMode detectLocal clusterCIDR nodePortAddresses oomScoreAdj conntrack configSyncPeriod portRange windowsRunAsService"),
    };

    public static readonly Dictionary<string, string> ComponentGroups = new()
    {
        ["kubelet.config.k8s.io/v1beta1"] = "KubeletConfiguration",
        ["kubeproxy.config.k8s.io/v1alpha1"] = "KubeProxyConfiguration",
    };

    private static Dictionary<string, string> F(string spec) =>
        spec.Split(' ').Select(p => p.Split(':', 2)).ToDictionary(p => p[0], p => p[1]);

    private static Dictionary<string, string> Any(string names) => names.Split(' ').ToDictionary(n => n, _ => "any");
}
