import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { FlowLogFileFormat } from '../flow-logs';
import type { AthenaIntegration } from './integration-input';
import { renderTemplateYaml } from './render-yaml';
import { buildIntegrationTemplate } from './template';
import { APRIL_15, APRIL_20, EVERY_FIELD_FORMAT, NAT_FORMAT, flowLog, integration } from './test-fixtures';

/**
 * cfn-lint (AWS's CloudFormation linter, installed with the machine's Python) over every combination
 * of log format × file format × layout (plain/Hive, by day/by hour) × frequency. A template carries
 * several integrations, so one template per format and destination covers every frequency; whether
 * the dates are given alternates between neighbouring templates, so each frequency is linted with and
 * without dates for every format. cfn-lint costs about 30 ms a resource plus a second to start, so
 * the 24 templates go to two cfn-lint processes.
 */

const run = promisify(execFile);
const cfnLintVersion = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });

const FORMATS = { default: undefined, 'every field': EVERY_FIELD_FORMAT, 'no saved queries': NAT_FORMAT };

const dated = { partitionStartDate: APRIL_15, partitionEndDate: APRIL_20 };
/** Every frequency; `variant` picks which ones carry dates (none always does: it requires them). */
function everyFrequency(variant: 0 | 1): AthenaIntegration[] {
  return variant === 0
    ? [
        integration({ partitionLoadFrequency: 'none', ...dated }),
        integration({ partitionLoadFrequency: 'daily' }),
        integration({ partitionLoadFrequency: 'weekly', ...dated }),
        integration({ partitionLoadFrequency: 'monthly' }),
      ]
    : [
        integration({ partitionLoadFrequency: 'none', ...dated }),
        integration({ partitionLoadFrequency: 'daily', ...dated }),
        integration({ partitionLoadFrequency: 'weekly' }),
        integration({ partitionLoadFrequency: 'monthly', ...dated }),
        integration({ partitionLoadFrequency: 'daily', partitionStartDate: APRIL_15 }),
      ];
}

interface LintFinding {
  Level: string;
  Message: string;
  Rule: { Id: string };
  Filename: string;
  Location: { Start: { LineNumber: number } };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'athena-template-lint-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function writeTemplates(): string[] {
  const files: string[] = [];
  for (const [formatName, logFormat] of Object.entries(FORMATS)) {
    for (const fileFormat of ['plain-text', 'parquet'] as FlowLogFileFormat[]) {
      for (const hiveCompatiblePartitions of [false, true]) {
        for (const perHourPartition of [false, true]) {
          for (const variant of [0, 1] as const) {
            // Each destination gets one variant, chosen by parity, so every format meets both.
            if ((Number(fileFormat === 'parquet') + Number(hiveCompatiblePartitions) + Number(perHourPartition)) % 2 !== variant) continue;
            const template = buildIntegrationTemplate({
              flowLog: flowLog({ logFormat, destinationOptions: { fileFormat, hiveCompatiblePartitions, perHourPartition } }),
              integrations: everyFrequency(variant),
            });
            const name = [formatName.replace(/\W+/g, '-'), fileFormat, hiveCompatiblePartitions ? 'hive' : 'plain', perHourPartition ? 'hourly' : 'daily', `v${variant}`].join('_');
            const file = path.join(dir, `${name}.yml`);
            fs.writeFileSync(file, renderTemplateYaml(template));
            files.push(file);
          }
        }
      }
    }
  }
  return files;
}

async function lint(files: string[]): Promise<LintFinding[]> {
  // cfn-lint exits non-zero when it finds anything; the JSON on stdout is the answer either way.
  const result = await run('cfn-lint', ['--format', 'json', '--', ...files], { maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: { stdout?: string; stderr?: string; code?: number }) => {
      if (!error.stdout) throw new Error(`cfn-lint failed (exit ${error.code}): ${error.stderr}`);
      return { stdout: error.stdout };
    },
  );
  return JSON.parse(result.stdout) as LintFinding[];
}

describe(`cfn-lint ${cfnLintVersion.stdout?.trim() ?? '(missing)'}`, () => {
  // Never skipped: a template no linter has read is not known to deploy. The machine's Python
  // carries cfn-lint; elsewhere `pip install cfn-lint`.
  it('has cfn-lint to run', () => {
    expect(cfnLintVersion.status, `cfn-lint is not installed or does not run (pip install cfn-lint): ${cfnLintVersion.error?.message ?? cfnLintVersion.stderr}`).toBe(0);
  });

  it(
    'finds no errors and no warnings in any generated template',
    async () => {
      const files = writeTemplates();
      expect(files).toHaveLength(24);
      // A control with a known mistake proves the findings are read, not just absent.
      const broken = buildIntegrationTemplate({ flowLog: flowLog(), integrations: [integration()] });
      broken.Resources.VpcFlowLogsAthenaDatabase.Properties.Bogus = 'x';
      const control = path.join(dir, 'control.yml');
      fs.writeFileSync(control, renderTemplateYaml(broken));

      const half = Math.ceil(files.length / 2);
      const findings = (await Promise.all([lint([control, ...files.slice(0, half)]), lint(files.slice(half))])).flat();
      const report = findings.map((f) => `${path.basename(f.Filename)}:${f.Location.Start.LineNumber} ${f.Level} ${f.Rule.Id} ${f.Message}`);
      expect(report.filter((line) => line.startsWith('control.yml') && line.includes(' Error E3002 '))).toHaveLength(1);
      expect(report.filter((line) => !line.startsWith('control.yml') && / (Error|Warning) /.test(line))).toEqual([]);
    },
    600_000,
  );
});
