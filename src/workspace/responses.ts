/** Reads a Forms response into plain data for the domain's parser (answers keyed by item id). */
import type { ResponseInput } from '../domain/parse';

export function readResponse(response: GoogleAppsScript.Forms.FormResponse): ResponseInput {
  return {
    responseId: response.getId(),
    // Apps Script's Date type is the JavaScript Date at run time.
    timestamp: response.getTimestamp() as unknown as Date,
    respondentEmail: response.getRespondentEmail(),
    answers: response.getItemResponses().map((answer) => ({
      itemId: answer.getItem().getId(),
      response: answer.getResponse() as string | string[] | string[][],
    })),
  };
}
