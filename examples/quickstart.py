"""Quick start: log in, pick a SKU, allocate a GPU, wait for it, open a terminal, release.

Reads its credentials like any user code: GPUAAS_BASE_URL with GPUAAS_TOKEN, or with
GPUAAS_USERNAME and GPUAAS_PASSWORD (`make demo` points them at the local simulator).
"""

from gpuaas_sdk import Client
from gpuaas_sdk.errors import SDKError


def main() -> None:
    with Client.from_default_credentials() as client:
        me = client.auth.whoami()
        project = me.default_project_id
        print(f"logged in as {me.display_name} (tenant {me.tenant_id}, project {project})")

        print("\nGPU SKUs:")
        for sku in client.catalog.list_skus():
            regions = ", ".join(
                f"{a.region_code}: {a.available_gpus} free" for a in sku.availability
            )
            price = f"{sku.price_per_gpu_hour_minor / 100:6.2f} {sku.currency}/GPU-h"
            print(f"  {sku.id:<18} {sku.gpu_model:<18} {price}  [{regions}]")

        alloc = client.allocations.create(
            sku="h200-sxm-slice", gpus_total=1, region_code="us-buffalo-1"
        )
        print(f"\ncreated allocation {alloc.id}: {alloc.status}")
        try:
            final = client.allocations.wait_for(alloc.id, states={"active"}, timeout=120)
            conn = final.connection
            assert conn is not None
            ssh = f"ssh -p {conn.ssh_port} {conn.ssh_user}@{conn.ssh_host}"
            print(f"active: {ssh}  (private ip {conn.private_ip})")

            token = client.allocations.mint_terminal_token(alloc.id)
            print(f"terminal: {token.ws_url.split('?')[0]}  (token expires in {token.expires_in}s)")
        finally:
            released = client.allocations.release(alloc.id)
            print(f"released allocation {released.id}: {released.status}")


if __name__ == "__main__":
    try:
        main()
    except SDKError as exc:
        raise SystemExit(f"quick start failed: {exc}") from exc
