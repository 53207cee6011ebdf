/* eslint-disable @typescript-eslint/no-explicit-any -- the spec's client example, kept verbatim */
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createUser } from '../helpers/users.js';

// ---- The MHRAS spec's "JavaScript/TypeScript Client", unchanged ----
interface ScreeningRequest {
  anonymized_id: string;
  survey_data?: Record<string, any>;
  wearable_data?: Record<string, any>;
  emr_data?: Record<string, any>;
  consent_verified: boolean;
  timestamp?: string;
}

interface RiskScore {
  anonymized_id: string;
  score: number;
  risk_level: 'low' | 'moderate' | 'high' | 'critical';
  confidence: number;
  contributing_factors: string[];
  timestamp: string;
}

interface ScreeningResponse {
  risk_score: RiskScore;
  recommendations: any[];
  explanations: any;
  requires_human_review: boolean;
  alert_triggered: boolean;
}

class MHRASClient {
  private baseUrl: string;
  private token: string;

  constructor(baseUrl: string, token: string) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.token = token;
  }

  private async request<T>(endpoint: string, options: RequestInit = {}): Promise<T> {
    const response = await fetch(`${this.baseUrl}${endpoint}`, {
      ...options,
      headers: {
        Authorization: `Bearer ${this.token}`,
        'Content-Type': 'application/json',
        ...options.headers,
      },
    });

    if (!response.ok) {
      const error = await response.json();
      throw new Error(
        // @ts-expect-error -- a comment only, the code is as printed: Node's fetch types json() as unknown, the DOM's as any
        `API Error (${response.status}): ${error.message || 'Unknown error'}`,
      );
    }

    // @ts-expect-error -- as above
    return response.json();
  }

  async screenIndividual(request: ScreeningRequest): Promise<ScreeningResponse> {
    return this.request<ScreeningResponse>('/screen', {
      method: 'POST',
      body: JSON.stringify(request),
    });
  }

  async getRiskScore(anonymizedId: string): Promise<{ risk_score: RiskScore; found: boolean }> {
    return this.request(`/risk-score/${anonymizedId}`, {
      method: 'GET',
    });
  }

  async explainPrediction(anonymizedId: string, predictionId?: string): Promise<any> {
    return this.request('/explain', {
      method: 'POST',
      body: JSON.stringify({
        anonymized_id: anonymizedId,
        prediction_id: predictionId,
      }),
    });
  }
}
// ---- end of the spec's client ----

/** Runs the spec's TypeScript client, as printed, against a real listening server. */
describe('the MHRAS spec TypeScript client example', () => {
  let t: TestApp;
  let url: string;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp();
    token = (await createUser(t.app, { role: 'clinician' })).accessToken;
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => t?.close());

  it('runs the spec usage: screen, get the risk score, explain', async () => {
    // Usage, as in the spec
    const client = new MHRASClient(url, token);

    const result = await client.screenIndividual({
      anonymized_id: 'a1b2c3d4e5f6789012345678',
      survey_data: { phq9_score: 15, gad7_score: 12 },
      wearable_data: { avg_heart_rate: 75, sleep_hours: 6.5 },
      consent_verified: true,
    });

    console.log(`Risk Level: ${result.risk_score.risk_level}`);
    console.log(`Score: ${result.risk_score.score}`);

    // PHQ-9 15 (1.5 x 1.99243) + GAD-7 12 (1.2 x 1.59828) + short sleep 6.5 h (0.5 x 0.27003) = 5.041596 → critical
    expect(result.risk_score.risk_level).toBe('critical');
    expect(result.risk_score.score).toBeCloseTo((100 * 5.041596) / 10.98404, 3);
    expect(result.alert_triggered).toBe(true);
    expect(result.recommendations.length).toBeGreaterThan(0);

    const stored = await client.getRiskScore('a1b2c3d4e5f6789012345678');
    expect(stored.found).toBe(true);
    expect(stored.risk_score.score).toBeCloseTo(result.risk_score.score, 10);

    const explained = await client.explainPrediction('a1b2c3d4e5f6789012345678');
    expect(explained.explanations.top_features[0][0]).toBe('phq9_score');

    await expect(client.getRiskScore('nobody-here')).rejects.toThrow('API Error (404): No risk score found for nobody-here');
  });
});

/** The spec's Python client class, verbatim; the driver is its "Usage Example" with the token passed in. */
const PYTHON_CLIENT = `
import requests
import time
from typing import Dict, Optional

class MHRASClient:
    """Python client for MHRAS API"""
    
    def __init__(self, base_url: str, token: str):
        self.base_url = base_url.rstrip('/')
        self.token = token
        self.headers = {
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json"
        }
    
    def screen_individual(
        self,
        anonymized_id: str,
        survey_data: Optional[Dict] = None,
        wearable_data: Optional[Dict] = None,
        emr_data: Optional[Dict] = None,
        consent_verified: bool = True
    ) -> Dict:
        """
        Screen an individual and get risk assessment.
        
        Args:
            anonymized_id: Anonymized identifier
            survey_data: Survey responses (PHQ-9, GAD-7, etc.)
            wearable_data: Wearable device metrics
            emr_data: Electronic medical records
            consent_verified: Consent verification status
        
        Returns:
            Screening response with risk score and recommendations
        
        Raises:
            Exception: If request fails
        """
        request_data = {
            "anonymized_id": anonymized_id,
            "consent_verified": consent_verified
        }
        
        if survey_data:
            request_data["survey_data"] = survey_data
        if wearable_data:
            request_data["wearable_data"] = wearable_data
        if emr_data:
            request_data["emr_data"] = emr_data
        
        response = requests.post(
            f"{self.base_url}/screen",
            json=request_data,
            headers=self.headers,
            timeout=10
        )
        
        if response.status_code == 200:
            return response.json()
        else:
            error_data = response.json()
            raise Exception(
                f"Screening failed ({response.status_code}): "
                f"{error_data.get('message', 'Unknown error')}"
            )
    
    def get_risk_score(self, anonymized_id: str) -> Dict:
        """
        Get the most recent risk score for an individual.
        
        Args:
            anonymized_id: Anonymized identifier
        
        Returns:
            Risk score response
        
        Raises:
            Exception: If request fails
        """
        response = requests.get(
            f"{self.base_url}/risk-score/{anonymized_id}",
            headers=self.headers,
            timeout=5
        )
        
        if response.status_code == 200:
            return response.json()
        elif response.status_code == 404:
            return {"found": False, "risk_score": None}
        else:
            error_data = response.json()
            raise Exception(
                f"Risk score retrieval failed ({response.status_code}): "
                f"{error_data.get('message', 'Unknown error')}"
            )
    
    def explain_prediction(
        self,
        anonymized_id: str,
        prediction_id: Optional[str] = None
    ) -> Dict:
        """
        Get explanation for a prediction.
        
        Args:
            anonymized_id: Anonymized identifier
            prediction_id: Specific prediction ID (optional)
        
        Returns:
            Explanation response
        
        Raises:
            Exception: If request fails
        """
        request_data = {"anonymized_id": anonymized_id}
        if prediction_id:
            request_data["prediction_id"] = prediction_id
        
        response = requests.post(
            f"{self.base_url}/explain",
            json=request_data,
            headers=self.headers,
            timeout=5
        )
        
        if response.status_code == 200:
            return response.json()
        else:
            error_data = response.json()
            raise Exception(
                f"Explanation failed ({response.status_code}): "
                f"{error_data.get('message', 'Unknown error')}"
            )
`;

const PYTHON_USAGE = `
import os, json
client = MHRASClient(base_url=os.environ["MHRAS_URL"], token=os.environ["MHRAS_TOKEN"])
result = client.screen_individual(
    anonymized_id="a1b2c3d4e5f6789012345678",
    survey_data={"phq9_score": 15, "gad7_score": 12},
    wearable_data={"avg_heart_rate": 75, "sleep_hours": 6.5, "hrv_rmssd": 35.2},
    emr_data={"diagnosis_codes": ["F32.1"], "medications": ["sertraline 50mg"]},
)
risk_score = result["risk_score"]
print(json.dumps({
    "level": risk_score["risk_level"],
    "score": risk_score["score"],
    "recommendations": [f"{rec['name']} ({rec['urgency']})" for rec in result["recommendations"]],
    "missing": client.get_risk_score("nobody-here"),
    "explained": client.explain_prediction("a1b2c3d4e5f6789012345678")["anonymized_id"],
}))
`;

const pythonReady = spawnSync('python3', ['-c', 'import requests'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!pythonReady)('the MHRAS spec Python client example (needs python3 with requests)', () => {
  let t: TestApp;
  let url: string;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp();
    token = (await createUser(t.app, { role: 'clinician' })).accessToken;
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => t?.close());

  it('screens, reads a missing score as found: False, and explains', async () => {
    // Async: the server answering the client runs in this process.
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn('python3', ['-c', `${PYTHON_CLIENT}\n${PYTHON_USAGE}`], {
        env: { ...process.env, MHRAS_URL: url, MHRAS_TOKEN: token },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { level: string; score: number; recommendations: string[]; missing: unknown; explained: string };
    expect(out.level).toBe('critical');
    expect(out.recommendations[0]).toMatch(/\((immediate|soon|routine)\)$/);
    expect(out.missing).toEqual({ found: false, risk_score: null });
    expect(out.explained).toBe('a1b2c3d4e5f6789012345678');
  });
});
