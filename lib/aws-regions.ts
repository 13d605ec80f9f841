import type { Lang } from './i18n/core';

/**
 * Display names of the commercial AWS Regions as the console's Region selector shows them.
 * A Region missing here is still selectable; it is just shown by its code.
 */
const REGION_NAMES: Record<string, { en: string; ja: string }> = {
  'us-east-1': { en: 'US East (N. Virginia)', ja: '米国東部 (バージニア北部)' },
  'us-east-2': { en: 'US East (Ohio)', ja: '米国東部 (オハイオ)' },
  'us-west-1': { en: 'US West (N. California)', ja: '米国西部 (北カリフォルニア)' },
  'us-west-2': { en: 'US West (Oregon)', ja: '米国西部 (オレゴン)' },
  'af-south-1': { en: 'Africa (Cape Town)', ja: 'アフリカ (ケープタウン)' },
  'ap-east-1': { en: 'Asia Pacific (Hong Kong)', ja: 'アジアパシフィック (香港)' },
  'ap-south-1': { en: 'Asia Pacific (Mumbai)', ja: 'アジアパシフィック (ムンバイ)' },
  'ap-south-2': { en: 'Asia Pacific (Hyderabad)', ja: 'アジアパシフィック (ハイデラバード)' },
  'ap-northeast-1': { en: 'Asia Pacific (Tokyo)', ja: 'アジアパシフィック (東京)' },
  'ap-northeast-2': { en: 'Asia Pacific (Seoul)', ja: 'アジアパシフィック (ソウル)' },
  'ap-northeast-3': { en: 'Asia Pacific (Osaka)', ja: 'アジアパシフィック (大阪)' },
  'ap-southeast-1': { en: 'Asia Pacific (Singapore)', ja: 'アジアパシフィック (シンガポール)' },
  'ap-southeast-2': { en: 'Asia Pacific (Sydney)', ja: 'アジアパシフィック (シドニー)' },
  'ap-southeast-3': { en: 'Asia Pacific (Jakarta)', ja: 'アジアパシフィック (ジャカルタ)' },
  'ap-southeast-4': { en: 'Asia Pacific (Melbourne)', ja: 'アジアパシフィック (メルボルン)' },
  'ca-central-1': { en: 'Canada (Central)', ja: 'カナダ (中部)' },
  'ca-west-1': { en: 'Canada West (Calgary)', ja: 'カナダ西部 (カルガリー)' },
  'eu-central-1': { en: 'Europe (Frankfurt)', ja: '欧州 (フランクフルト)' },
  'eu-central-2': { en: 'Europe (Zurich)', ja: '欧州 (チューリッヒ)' },
  'eu-west-1': { en: 'Europe (Ireland)', ja: '欧州 (アイルランド)' },
  'eu-west-2': { en: 'Europe (London)', ja: '欧州 (ロンドン)' },
  'eu-west-3': { en: 'Europe (Paris)', ja: '欧州 (パリ)' },
  'eu-south-1': { en: 'Europe (Milan)', ja: '欧州 (ミラノ)' },
  'eu-south-2': { en: 'Europe (Spain)', ja: '欧州 (スペイン)' },
  'eu-north-1': { en: 'Europe (Stockholm)', ja: '欧州 (ストックホルム)' },
  'il-central-1': { en: 'Israel (Tel Aviv)', ja: 'イスラエル (テルアビブ)' },
  'me-south-1': { en: 'Middle East (Bahrain)', ja: '中東 (バーレーン)' },
  'me-central-1': { en: 'Middle East (UAE)', ja: '中東 (アラブ首長国連邦)' },
  'sa-east-1': { en: 'South America (São Paulo)', ja: '南米 (サンパウロ)' },
};

export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;

export function regionName(code: string, lang: Lang): string | undefined {
  return REGION_NAMES[code]?.[lang];
}

/** "US East (N. Virginia) · us-east-1", or just the code when the name is unknown. */
export function regionLabel(code: string, lang: Lang): string {
  const name = regionName(code, lang);
  return name ? `${name} · ${code}` : code;
}
