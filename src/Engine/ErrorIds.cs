namespace MultiCloud.Engine
{
    /// <summary>Every stable error id the engine raises. Each one is described in docs/errors.md.</summary>
    public static class ErrorIds
    {
        // Manifests
        public const string ManifestInvalid = "ManifestInvalid";
        public const string ManifestNotFound = "ManifestNotFound";
        public const string ManifestUnreadable = "ManifestUnreadable";

        // State
        public const string ClusterNotFound = "ClusterNotFound";
        public const string ClusterExists = "ClusterExists";
        public const string StateLocked = "StateLocked";
        public const string StateCorrupt = "StateCorrupt";
        public const string StateMissing = "StateMissing";
        public const string StateVersionUnsupported = "StateVersionUnsupported";
        public const string StateConflict = "StateConflict";

        // Planning and editing
        public const string NodePoolNotFound = "NodePoolNotFound";
        public const string NodePoolExists = "NodePoolExists";
        public const string NodeNotFound = "NodeNotFound";
        public const string LoadBalancerNotFound = "LoadBalancerNotFound";
        public const string ImmutableFieldChanged = "ImmutableFieldChanged";
        public const string InvalidEdit = "InvalidEdit";
        public const string InvalidParameter = "InvalidParameter";
        public const string PlanStale = "PlanStale";
        public const string PlanInputInvalid = "PlanInputInvalid";
        public const string MeshNetworkFull = "MeshNetworkFull";
        public const string KubernetesVersionChangeUnsupported = "KubernetesVersionChangeUnsupported";
        public const string PodNetworkFull = "PodNetworkFull";
        public const string KubernetesVersionUnsupported = "KubernetesVersionUnsupported";
        public const string EtcdQuorumAtRisk = "EtcdQuorumAtRisk";
        public const string NoControlPlaneLeft = "NoControlPlaneLeft";

        // Execution
        public const string NotSupportedYet = "NotSupportedYet";
        public const string OperationCanceled = "OperationCanceled";
        public const string StepFailed = "StepFailed";
        public const string CredentialNotFound = "CredentialNotFound";

        // Nodes over SSH
        public const string SshConnectionFailed = "SshConnectionFailed";
        public const string SshAuthenticationFailed = "SshAuthenticationFailed";
        public const string SshHostKeyChanged = "SshHostKeyChanged";
        public const string SshCommandFailed = "SshCommandFailed";
        public const string SudoRequired = "SudoRequired";
        public const string UnsupportedOperatingSystem = "UnsupportedOperatingSystem";
        public const string ConfigValidationFailed = "ConfigValidationFailed";
        public const string UnsafeConfigValue = "UnsafeConfigValue";
        public const string KubernetesNotReady = "KubernetesNotReady";

        // Kubernetes
        public const string KubeletNotReady = "KubeletNotReady";
        public const string DrainTimedOut = "DrainTimedOut";
        public const string KubernetesApiFailed = "KubernetesApiFailed";

        // Local state store and credentials
        public const string ClusterNameInvalid = "ClusterNameInvalid";
        public const string StatePermissionsFailed = "StatePermissionsFailed";
        public const string CredentialSourceNotSupported = "CredentialSourceNotSupported";

        // Console host (multicloud)
        public const string CommandLineInvalid = "CommandLineInvalid";
        public const string ConfirmationRequired = "ConfirmationRequired";
        public const string OutputWriteFailed = "OutputWriteFailed";
        public const string InternalError = "InternalError";

        // Cloud providers (machines and DNS)
        public const string CloudAuthenticationFailed = "CloudAuthenticationFailed";
        public const string CloudQuotaExceeded = "CloudQuotaExceeded";
        public const string CloudThrottled = "CloudThrottled";
        public const string CloudNotFound = "CloudNotFound";
        public const string PlacementNotOffered = "PlacementNotOffered";
        public const string CloudRequestFailed = "CloudRequestFailed";
        public const string CloudResourceNameTaken = "CloudResourceNameTaken";
        public const string CloudConfigurationInvalid = "CloudConfigurationInvalid";
        public const string MachineNotReady = "MachineNotReady";

        // SSH keys
        public const string SshKeyGenerationFailed = "SshKeyGenerationFailed";
        public const string SshKeyInvalid = "SshKeyInvalid";
    }
}
