# shellcheck shell=bash
# The lab package repository: what pkgs.k8s.io, GitHub's etcd releases and Longhorn's raw files serve to a real
# host, built from Debian's real binaries plus the Kubernetes test doubles (tests/KubeDoubles), signed with a lab
# key, cached in MC_LAB_CACHE by a content hash (like the base image) and served over HTTP on each lab's bridge
# gateway while the lab is up. See README.md, "The lab package repository".

LAB_REPO_K8S_VERSION=1.32.3
LAB_REPO_PKG_REVISION=1.1            # pkgs.k8s.io's Debian revision: kubeadm=1.32.3-1.1
LAB_REPO_ETCD_VERSION=3.5.16
LAB_REPO_LONGHORN_VERSION=v1.7.2
LAB_REPO_SUITE=trixie                # Debian suite the real kubectl, etcd and CNI plugins come from
LAB_REPO_DEBS=(kubectl=1.32.3+ds-2 etcd-server=3.5.16-4 etcd-client=3.5.16-4 containernetworking-plugins=1.1.1+ds1-3+b17)
LAB_REPO_PORT=${MC_LAB_REPO_PORT:-8480}
LAB_DOUBLES_SRC="$LAB_HOME/../KubeDoubles"

repo_key() {
  {
    cat "${BASH_SOURCE[0]}" "$LAB_HOME"/repo/*
    printf '%s\n' "${LAB_REPO_DEBS[@]}" "$LAB_MIRROR"
    find "$LAB_DOUBLES_SRC" -path "$LAB_DOUBLES_SRC/bin" -prune -o -path "$LAB_DOUBLES_SRC/obj" -prune -o -type f -print |
      LC_ALL=C sort | xargs cat
    cat "$LAB_HOME/../../Directory.Packages.props"
  } | sha256sum | cut -c1-16
}

repo_path() { echo "$LAB_CACHE/repo-$(repo_key)"; }

# Prints the repository folder, building it first when the cache has none for the current key.
repo_ensure() {
  local path lockfd
  path=$(repo_path)
  mkdir -p "$LAB_CACHE"
  lock_file "$LAB_CACHE/.repo-lock" lockfd
  if [[ ! -f $path/.mc-lab-repo ]]; then
    repo_build "$path"
    repo_prune "$path"
  fi
  unlock_fd "$lockfd"
  echo "$path"
}

repo_prune() {
  local keep=$1 dir
  for dir in "$LAB_CACHE"/repo-*; do
    [[ -d $dir && $dir != "$keep" ]] || continue
    if grep -qsF "\"$dir\"" "$LAB_RUN"/*/lab.json; then continue; fi
    rm -rf --one-file-system "$dir"
  done
}

repo_build() {
  local path=$1 tmp started=$SECONDS
  tmp=$(mktemp -d "$LAB_CACHE/.repo-build-XXXXXX")
  chmod 0755 "$tmp"
  # shellcheck disable=SC2064 # expand $tmp now
  trap "rm -rf --one-file-system '$tmp'" EXIT
  log "building the lab package repository $path"
  repo_fetch_debs "$tmp/debs"
  mkdir -p "$tmp/extract"
  local deb
  for deb in "$tmp"/debs/*.deb; do dpkg-deb -x "$deb" "$tmp/extract"; done
  dotnet publish "$LAB_DOUBLES_SRC/MultiCloud.KubeDoubles.csproj" -c Release -o "$tmp/doubles" --nologo -v quiet >"$tmp/publish.log" 2>&1 ||
    { tail -20 "$tmp/publish.log" >&2; die "dotnet publish of the Kubernetes test doubles failed"; }
  mkdir -p "$tmp/www/k8s" "$tmp/www/etcd" "$tmp/www/longhorn/$LAB_REPO_LONGHORN_VERSION/deploy"
  repo_packages "$tmp" "$tmp/www/k8s"
  repo_sign "$tmp" "$tmp/www/k8s"
  repo_etcd_archive "$tmp" "$tmp/www/etcd"
  install -m 0644 "$LAB_HOME/repo/longhorn.yaml" "$tmp/www/longhorn/$LAB_REPO_LONGHORN_VERSION/deploy/longhorn.yaml"
  date -u +%FT%TZ >"$tmp/www/.mc-lab-repo"
  mv -T "$tmp/www" "$path"
  rm -rf --one-file-system "$tmp"
  trap - EXIT
  log "lab package repository built in $((SECONDS - started)) s"
}

# Single .debs from Debian's suite through a private apt configuration (never the machine's own sources).
repo_fetch_debs() {
  local dest=$1 apt
  apt="$LAB_CACHE/apt-$LAB_REPO_SUITE"
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$dest"
  echo "deb $LAB_MIRROR $LAB_REPO_SUITE main" >"$apt/sources.list"
  local opts=(-o Dir::Etc::sourcelist="$apt/sources.list" -o Dir::Etc::sourceparts=- -o Dir::State::Lists="$apt/lists"
    -o Dir::Cache="$apt/cache" -o APT::Sandbox::User=root -qq)
  apt-get "${opts[@]}" update >&2 || die "apt-get update for $LAB_REPO_SUITE failed"
  (cd "$dest" && apt-get "${opts[@]}" download "${LAB_REPO_DEBS[@]}" >&2) || die "apt-get download ${LAB_REPO_DEBS[*]} failed"
}

# One package: repo_deb OUTDIR NAME VERSION ARCH ROOT CONTROL-EXTRA DESCRIPTION [POSTINST]
repo_deb() {
  local out=$1 name=$2 version=$3 arch=$4 root=$5 extra=$6 description=$7 postinst=${8:-}
  mkdir -p "$root/DEBIAN"
  {
    echo "Package: $name"
    echo "Version: $version"
    echo "Architecture: $arch"
    echo "Maintainer: MultiCloud lab <lab@invalid>"
    [[ -n $extra ]] && printf '%s\n' "$extra"
    echo "Description: $description"
  } >"$root/DEBIAN/control"
  if [[ -n $postinst ]]; then
    printf '%s\n' "$postinst" >"$root/DEBIAN/postinst"
    chmod 0755 "$root/DEBIAN/postinst"
  fi
  if [[ -d $root/etc ]]; then
    (cd "$root" && find etc -type f ! -name '.*' | sed 's|^|/|') >"$root/DEBIAN/conffiles"
    [[ -s $root/DEBIAN/conffiles ]] || rm "$root/DEBIAN/conffiles"
  fi
  dpkg-deb --build -Zgzip --root-owner-group "$root" "$out/${name}_${version}_${arch}.deb" >/dev/null
}

repo_packages() {
  local tmp=$1 out=$2 v="$LAB_REPO_K8S_VERSION-$LAB_REPO_PKG_REVISION" readme
  readme="See tests/lab/README.md in the MultiCloud repository."
  local p="$tmp/pkg"

  # The doubles' program, shared by the kubeadm and kubelet packages. Runs on the .NET runtime the lab binds
  # into every host read-only (/usr/share/dotnet); a real host never gets this package.
  mkdir -p "$p/doubles/usr/lib/kubernetes-lab-doubles"
  cp -a "$tmp/doubles/." "$p/doubles/usr/lib/kubernetes-lab-doubles/"
  install -D -m 0755 "$LAB_HOME/repo/run-double" "$p/doubles/usr/lib/kubernetes-lab-doubles/run-double"
  repo_deb "$out" kubernetes-lab-doubles "$v" all "$p/doubles" "" \
    "TEST DOUBLE runtime of kubeadm, kubelet and the control plane (MultiCloud lab)
 Kubernetes' own binaries cannot be had in the MultiCloud lab. This package holds .NET test doubles
 that speak their protocols and file formats. $readme"

  mkdir -p "$p/kubeadm/usr/bin" "$p/kubeadm/usr/lib/systemd/system/kubelet.service.d"
  printf '#!/bin/sh\nexec /usr/lib/kubernetes-lab-doubles/run-double kubeadm "$@"\n' >"$p/kubeadm/usr/bin/kubeadm"
  chmod 0755 "$p/kubeadm/usr/bin/kubeadm"
  install -m 0644 "$LAB_HOME/repo/10-kubeadm.conf" "$p/kubeadm/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf"
  repo_deb "$out" kubeadm "$v" amd64 "$p/kubeadm" "Section: admin
Depends: kubernetes-lab-doubles (= $v)" \
    "TEST DOUBLE of kubeadm $LAB_REPO_K8S_VERSION (MultiCloud lab), not the real kubeadm
 Accepts kubeadm's flags and v1beta4 configuration, writes real certificates, kubeconfigs and static pod
 manifests and talks to the API like kubeadm does. $readme"

  mkdir -p "$p/kubelet/usr/bin" "$p/kubelet/usr/lib/systemd/system" "$p/kubelet/etc/default" \
    "$p/kubelet/var/lib/kubelet" "$p/kubelet/etc/kubernetes/manifests"
  printf '#!/bin/sh\nexec /usr/lib/kubernetes-lab-doubles/run-double kubelet "$@"\n' >"$p/kubelet/usr/bin/kubelet"
  chmod 0755 "$p/kubelet/usr/bin/kubelet"
  install -m 0644 "$LAB_HOME/repo/kubelet.service" "$p/kubelet/usr/lib/systemd/system/kubelet.service"
  echo 'KUBELET_EXTRA_ARGS=' >"$p/kubelet/etc/default/kubelet"
  touch "$p/kubelet/var/lib/kubelet/.kubelet-keep" "$p/kubelet/etc/kubernetes/manifests/.kubelet-keep"
  repo_deb "$out" kubelet "$v" amd64 "$p/kubelet" "Section: net
Depends: kubernetes-cni (>= 1.1.1), kubernetes-lab-doubles (= $v), mount, util-linux
Recommends: iptables (>= 1.8.4)" \
    "TEST DOUBLE of the kubelet $LAB_REPO_K8S_VERSION (MultiCloud lab), not the real kubelet
 Registers its node, keeps its status and lease, runs the control-plane static pods it has doubles for;
 runs no other pods. $readme" \
    "#!/bin/sh
set -e
if [ \"\$1\" = configure ] && [ -d /run/systemd/system ]; then
  systemctl daemon-reload >/dev/null || true
  deb-systemd-helper enable kubelet.service >/dev/null || true
  deb-systemd-invoke start kubelet.service >/dev/null || true
fi"

  mkdir -p "$p/kubectl/usr/bin"
  install -m 0755 "$tmp/extract/usr/bin/kubectl" "$p/kubectl/usr/bin/kubectl"
  repo_deb "$out" kubectl "$v" amd64 "$p/kubectl" "Section: admin" \
    "Kubernetes command-line tool: Debian's real kubectl $LAB_REPO_K8S_VERSION, repackaged (MultiCloud lab)
 The binary is Debian $LAB_REPO_SUITE's kubectl 1.32.3+ds-2, unchanged; only the package version follows
 pkgs.k8s.io's scheme ($v) so that hosts pin it as they pin the real one. $readme"

  mkdir -p "$p/cni/opt/cni/bin"
  cp -a "$tmp/extract/usr/lib/cni/." "$p/cni/opt/cni/bin/"
  repo_deb "$out" kubernetes-cni "1.1.1-$LAB_REPO_PKG_REVISION" amd64 "$p/cni" "Section: net" \
    "CNI plugins in /opt/cni/bin: Debian's real containernetworking-plugins 1.1.1, repackaged (MultiCloud lab)
 pkgs.k8s.io's kubernetes-cni ships upstream's plugins in /opt/cni/bin; this one ships Debian
 $LAB_REPO_SUITE's 1.1.1 binaries there, unchanged. $readme"
}

# A flat repository ("deb URL /") with Packages, Release, InRelease and Release.gpg, signed by a key made for this
# build, whose ASCII-armoured public half is Release.key (as pkgs.k8s.io serves it).
repo_sign() {
  local tmp=$1 out=$2 fpr
  export GNUPGHOME="$tmp/gnupg"
  mkdir -m 0700 -p "$GNUPGHOME"
  gpg --batch -q --pinentry-mode loopback --passphrase '' \
    --quick-gen-key "MultiCloud lab package repository <lab@invalid>" rsa3072 sign never 2>/dev/null
  fpr=$(gpg --batch --with-colons --list-keys | awk -F: '/^fpr/ { print $10; exit }')
  gpg --batch --armor --export "$fpr" >"$out/Release.key"
  (
    cd "$out"
    apt-ftparchive packages . >Packages
    gzip -9kn Packages
    apt-ftparchive -o APT::FTPArchive::Release::Origin="MultiCloud lab" \
      -o APT::FTPArchive::Release::Label="MultiCloud lab Kubernetes v1.32" release . >Release
    gpg --batch -q --yes --local-user "$fpr" --clearsign -o InRelease Release
    gpg --batch -q --yes --local-user "$fpr" -abs -o Release.gpg Release
  )
  unset GNUPGHOME
}

# etcd's release archive in GitHub's layout: v<ver>/etcd-v<ver>-linux-amd64.tar.gz holding
# etcd-v<ver>-linux-amd64/{etcd,etcdctl,etcdutl}: here Debian's real 3.5.16 binaries.
repo_etcd_archive() {
  local tmp=$1 out=$2 name="etcd-v$LAB_REPO_ETCD_VERSION-linux-amd64"
  mkdir -p "$tmp/etcd/$name" "$out/v$LAB_REPO_ETCD_VERSION"
  install -m 0755 "$tmp/extract/usr/bin/etcd" "$tmp/extract/usr/bin/etcdctl" "$tmp/extract/usr/bin/etcdutl" "$tmp/etcd/$name/"
  printf 'etcd %s for linux/amd64: the binaries of Debian %s etcd-server/etcd-client %s (MultiCloud lab).\n' \
    "$LAB_REPO_ETCD_VERSION" "$LAB_REPO_SUITE" "${LAB_REPO_DEBS[1]#*=}" >"$tmp/etcd/$name/README.md"
  tar -C "$tmp/etcd" --owner=0 --group=0 -czf "$out/v$LAB_REPO_ETCD_VERSION/$name.tar.gz" "$name"
}

# The URLs a manifest's spec.kubernetes.sources takes, for a lab whose gateway is $1.
repo_urls_json() {
  local base="http://$1:$LAB_REPO_PORT"
  jq -nc --arg b "$base" --arg k "v$LAB_REPO_K8S_VERSION" --arg e "v$LAB_REPO_ETCD_VERSION" --arg l "$LAB_REPO_LONGHORN_VERSION" \
    '{url: ($b + "/"), packages: ($b + "/k8s/"), packagesKey: ($b + "/k8s/Release.key"),
    downloads: ($b + "/etcd"), longhorn: ($b + "/longhorn"), version: $k, etcdVersion: $e, longhornVersion: $l}'
}

# Serves the repository on the gateway address; the server's pid goes to repo.pid, and the marker its command line
# carries lets down() check it is still ours before signalling it.
repo_serve() {
  local labdir=$1 repo=$2 gateway=$3
  spawn_detached "$labdir/repo.pid" "$labdir/repo.log" \
    python3 -m http.server "$LAB_REPO_PORT" --bind "$gateway" --directory "$repo"
  local i
  for ((i = 0; i < 50; i++)); do
    if curl -fsS -o /dev/null "http://$gateway:$LAB_REPO_PORT/k8s/Release" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  die "the lab package repository did not answer on http://$gateway:$LAB_REPO_PORT (see $labdir/repo.log)"
}

repo_stop() {
  local labdir=$1 repo pid i
  repo=$(jq -r '.repository.path // empty' "$labdir/lab.json" 2>/dev/null)
  pid=$(cat "$labdir/repo.pid" 2>/dev/null) || return 0
  [[ -n $repo ]] && pid_is_ours "$pid" "--directory $repo" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 30; i++)); do
    [[ -d /proc/$pid ]] || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}
