import { DataSource } from 'typeorm';
import { Role } from '../../src/common/auth/actor.js';
import { TokenService } from '../../src/common/auth/token.service.js';
import { launchChromium } from '../browser/browser.js';
import { withBenchApp } from './bench-db.js';
import { seed } from './graphql-check.bench.js';
import { median } from './stats.js';

/**
 * 10. The rota board in Debian's Chromium: a 200-person, 4-week rota (section 4's) opened by its manager — from
 * navigation to the board drawn with every cell, and 100 arrow-key moves between cells (each waits until the focus
 * has moved). The service on PostgreSQL in this process, production mode.
 */
export async function benchBoard(): Promise<void> {
  console.log(
    '\n10. The rota board in Chromium: a 200-person × 4-week rota (open it, then move between cells)',
  );
  await withBenchApp(async (app, baseUrl) => {
    const { rotaId, teamId, orgId } = await seed(app.get(DataSource), 200);
    const token = await app
      .get(TokenService)
      .mint({ subject: 'bench-manager', roles: [Role.MANAGER], teamIds: [teamId], organisationIds: [orgId] });
    const browser = await launchChromium();
    try {
      const opens: number[] = [];
      const moves: number[] = [];
      let cells = 0;
      for (let run = 0; run < 4; run++) {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        await page.addInitScript((t) => (globalThis as any).sessionStorage.setItem('tandem.token', t), token);
        const t0 = performance.now();
        await page.goto(`${baseUrl}/rotas/${rotaId}`);
        const board = page.locator('table.tandem-board');
        await board.waitFor({ timeout: 300_000 }).catch(async (error: Error) => {
          await page.screenshot({ path: '/tmp/board-bench-failed.png' });
          throw error;
        });
        // The last person's last day: every row drawn.
        await page.locator('[id^="cell-"]').last().waitFor({ timeout: 300_000 });
        const opened = performance.now() - t0;
        cells = await page.locator('[id^="cell-"]').count();
        await page.locator('#cell-0-0').click();
        await page.keyboard.press('Escape');
        await page.locator('#cell-0-0').focus();
        const t1 = performance.now();
        // 100 moves: ten right, ten down, … each batch waits until the focus is on the cell it should reach.
        let row = 0;
        let col = 0;
        for (let k = 0; k < 10; k++) {
          const key = k % 2 === 0 ? 'ArrowRight' : 'ArrowDown';
          for (let m = 0; m < 10; m++) await page.keyboard.press(key);
          if (key === 'ArrowRight') col += 10;
          else row += 10;
          col = Math.min(col, 27);
          await page.waitForFunction(
            (id) => (globalThis as any).document.activeElement?.id === id,
            `cell-${row}-${col}`,
            { timeout: 300_000 },
          );
        }
        const moved = (performance.now() - t1) / 100;
        if (run > 0) {
          opens.push(opened);
          moves.push(moved);
        }
        await page.close();
      }
      console.log(
        `   ${cells.toLocaleString('en-GB')} cells: opened in ${(median(opens) / 1_000).toFixed(2)} s (median of 3, navigation to every cell drawn); one arrow-key move ${median(moves).toFixed(1)} ms (focus moved, median of 3 × 100)`,
      );
    } finally {
      await browser.close();
    }
  });
}
