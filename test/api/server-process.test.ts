/**
 * `hieuhoc serve` as users run it: where it listens (HOST), the lock on its data directory (a second process is
 * refused naming the holder; a lock left by kill -9 is taken over), and the one line it logs on every way out
 * (a signal, an unhandled rejection, an uncaught exception, the embedded database aborting).
 */
import { existsSync, rmSync } from "node:fs";
import { connect as connectTcp } from "node:net";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { communeDataDir, hieuhoc } from "../helpers/cli";
import { describeEmbedded } from "../helpers/db";
import { type ServerProcess, startServerProcess } from "../helpers/server-process";

const READY = /Sẵn sàng sau \d+ ms/;
const triggers = path.resolve("test/fixtures/exit-triggers.mjs");

/** An address of this machine that is not loopback (where the local network would reach it). */
const networkAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
if (!networkAddress) console.warn("[server-process] no non-loopback IPv4 address: reachability not checked");

/** "open" if a TCP connection to host:port succeeds, else the error code (ECONNREFUSED). */
function probe(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host, port, timeout: 3000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve("open");
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve("timeout");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describeEmbedded("the server process", () => {
  let dataDir: string;
  const running: ServerProcess[] = [];
  const start = async (options: Parameters<typeof startServerProcess>[1] = {}) => {
    const server = await startServerProcess(dataDir, options);
    running.push(server);
    await server.waitFor(READY);
    return server;
  };
  beforeAll(async () => {
    dataDir = await communeDataDir("hieuhoc-serve-");
  }, 120_000);
  afterAll(() => {
    for (const server of running) server.child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("listens on 127.0.0.1 by default, refuses a second process on its data directory, logs SIGTERM", async () => {
    const server = await start();
    expect(server.output()).toContain(`Đang nghe tại 127.0.0.1:${server.port}: chỉ máy này mở được`);
    expect(server.output()).toContain(`Hiếu Học đang chạy: http://127.0.0.1:${server.port}`);
    expect((await fetch(`http://127.0.0.1:${server.port}/api/v1/health`)).status).toBe(200);
    if (networkAddress) expect(await probe(networkAddress, server.port)).toBe("ECONNREFUSED");

    const second = hieuhoc(dataDir, ["migrate"]);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`Thư mục dữ liệu ${dataDir} đang được tiến trình ${server.child.pid}`);
    expect(second.stderr).toContain("hieuhoc serve");

    server.child.kill("SIGTERM");
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toMatch(/Z Hiếu Học dừng: nhận tín hiệu SIGTERM; mã thoát 0\n$/);
    expect(existsSync(path.join(dataDir, "hieuhoc.lock"))).toBe(false);
  }, 180_000);

  it("honours HOST=0.0.0.0; after kill -9 the next start takes the stale lock over", async () => {
    const open = await start({ env: { HOST: "0.0.0.0" } });
    expect(open.output()).toContain(`Đang nghe tại 0.0.0.0:${open.port}: các máy khác trong mạng mở được`);
    if (networkAddress) expect(await probe(networkAddress, open.port)).toBe("open");
    open.child.kill("SIGKILL");
    expect((await open.exited).signal).toBe("SIGKILL");
    expect(existsSync(path.join(dataDir, "hieuhoc.lock", "owner.json"))).toBe(true); // left behind

    const again = await start();
    expect((await fetch(`http://127.0.0.1:${again.port}/api/v1/health`)).status).toBe(200);
    again.child.kill("SIGINT");
    expect((await again.exited).code).toBe(0);
    expect(again.output()).toMatch(/Hiếu Học dừng: nhận tín hiệu SIGINT; mã thoát 0\n$/);
  }, 180_000);

  const failures = [
    {
      trigger: "rejection",
      line: /Hiếu Học dừng: lỗi không được xử lý \(unhandled rejection\): Error: thử nghiệm: lời hứa bị từ chối; mã thoát 1$/m,
    },
    {
      trigger: "exception",
      line: /Hiếu Học dừng: lỗi không được bắt \(uncaught exception\): Error: thử nghiệm: ngoại lệ không được bắt; mã thoát 1$/m,
    },
    {
      trigger: "abort",
      line: /Hiếu Học dừng: cơ sở dữ liệu nhúng \(PGlite\) dừng bất thường: RuntimeError: Aborted\(.*; mã thoát 1$/m,
    },
  ];
  for (const { trigger, line } of failures)
    it(`logs why it stops on ${{ rejection: "an unhandled rejection", exception: "an uncaught exception", abort: "a PGlite abort" }[trigger]}`, async () => {
      const server = await start({
        env: { HIEUHOC_TEST_TRIGGER: trigger },
        nodeArgs: ["--import", triggers],
      });
      server.child.kill("SIGUSR2");
      // The abort happens on the first query after the signal is handled: ask until the process has gone (a
      // single request could reach the database before the signal on a loaded machine, and nothing would follow).
      if (trigger === "abort") {
        let gone = false;
        void server.exited.then(() => {
          gone = true;
        });
        while (!gone) {
          await fetch(`http://127.0.0.1:${server.port}/api/v1/health`).catch(() => {});
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
      expect(await server.exited).toEqual({ code: 1, signal: null });
      expect(server.output()).toMatch(line);
      expect(existsSync(path.join(dataDir, "hieuhoc.lock"))).toBe(false);
    }, 180_000);
});
