namespace MultiCloud.Engine.Remote
{
    /// <summary>
    /// A node presented a host key other than the one pinned for it (or given in the manifest). Either the machine
    /// was reinstalled or someone is in the middle; the engine never decides which.
    /// </summary>
    public sealed class SshHostKeyChangedException : MultiCloudException
    {
        public SshHostKeyChangedException(string nodeName, string host, int port, string expectedFingerprint, string presentedFingerprint, string expectedFrom)
            : base(ErrorIds.SshHostKeyChanged, ErrorKind.Security,
                $"node {nodeName} ({host}:{port}) presented host key {presentedFingerprint}, but {expectedFrom} is {expectedFingerprint}. " +
                "If the machine was reinstalled, verify the new key out of band and update the pinned key; otherwise treat the connection as compromised")
        {
            NodeName = nodeName;
            Host = host;
            ExpectedFingerprint = expectedFingerprint;
            PresentedFingerprint = presentedFingerprint;
            Target = nodeName;
        }

        public string NodeName { get; }
        public string Host { get; }
        public string ExpectedFingerprint { get; }
        public string PresentedFingerprint { get; }
    }
}
