using System.Text;

namespace MultiCloud.Engine.Cloud
{
    /// <summary>
    /// The first-boot script every machine gets as its cloud user data (cloud-init runs a user-data script that
    /// starts with "#!" once, on the first boot). It installs the host key the engine generated and pinned, removes
    /// the image's other host keys so sshd offers only that one, authorises the cluster's SSH key for the admin user
    /// (making that user, with passwordless sudo, when the image has none), and restarts sshd. Holds a private key:
    /// it goes to the cloud and nowhere else.
    /// </summary>
    public static class UserDataScript
    {
        public const string HostKeyPath = "/etc/ssh/ssh_host_ed25519_key";

        public static string Render(string adminUser, string clusterPublicKey, HostKeyPair hostKey)
        {
            var home = adminUser == "root" ? "/root" : "/home/" + adminUser;
            var script = new StringBuilder();
            script.Append("#!/bin/sh\n");
            script.Append("# MultiCloud: install the SSH host key the engine pinned for this machine, then restart sshd.\n");
            script.Append("set -eu\n");
            script.Append("umask 077\n");
            script.Append("rm -f /etc/ssh/ssh_host_rsa_key /etc/ssh/ssh_host_rsa_key.pub /etc/ssh/ssh_host_ecdsa_key /etc/ssh/ssh_host_ecdsa_key.pub " +
                "/etc/ssh/ssh_host_dsa_key /etc/ssh/ssh_host_dsa_key.pub\n");
            script.Append("cat >").Append(HostKeyPath).Append(".new <<'MULTICLOUD_HOST_KEY'\n").Append(hostKey.PrivateKeyPem).Append("MULTICLOUD_HOST_KEY\n");
            script.Append("printf '%s\\n' '").Append(hostKey.PublicKey).Append("' >").Append(HostKeyPath).Append(".pub\n");
            script.Append("chmod 600 ").Append(HostKeyPath).Append(".new\n");
            script.Append("chmod 644 ").Append(HostKeyPath).Append(".pub\n");
            script.Append("mv -f ").Append(HostKeyPath).Append(".new ").Append(HostKeyPath).Append('\n');
            if (adminUser != "root")
            {
                // Clouds that make the admin user themselves (Azure) have it already; an image without it gets it here.
                // "*" is no password without locking the account: sshd refuses key logins to locked accounts without PAM.
                script.Append("id -u ").Append(adminUser).Append(" >/dev/null 2>&1 || { useradd -m -s /bin/bash ").Append(adminUser)
                    .Append(" && usermod -p '*' ").Append(adminUser).Append("; }\n");
                script.Append("[ -e /etc/sudoers.d/").Append(adminUser).Append(" ] || { echo '").Append(adminUser)
                    .Append(" ALL=(ALL) NOPASSWD:ALL' >/etc/sudoers.d/").Append(adminUser).Append(" && chmod 440 /etc/sudoers.d/").Append(adminUser).Append("; }\n");
            }
            script.Append("install -d -m 700 ").Append(home).Append("/.ssh\n");
            script.Append("touch ").Append(home).Append("/.ssh/authorized_keys\n");
            script.Append("grep -qxF '").Append(clusterPublicKey).Append("' ").Append(home).Append("/.ssh/authorized_keys || printf '%s\\n' '")
                .Append(clusterPublicKey).Append("' >>").Append(home).Append("/.ssh/authorized_keys\n");
            script.Append("chmod 600 ").Append(home).Append("/.ssh/authorized_keys\n");
            if (adminUser != "root") script.Append("chown -R ").Append(adminUser).Append(": ").Append(home).Append("/.ssh\n");
            script.Append("systemctl restart ssh.service 2>/dev/null || systemctl restart sshd.service 2>/dev/null || service ssh restart\n");
            return script.ToString();
        }
    }
}
