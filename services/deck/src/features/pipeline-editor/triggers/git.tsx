import { SelectField, TextField } from '../../../components/fields.js';
import { defineTriggerEditor } from './types.js';

/** `git`: runs the pipeline on a push to a repository branch (GitHub, GitLab, Bitbucket webhooks). */
export const gitTrigger = defineTriggerEditor({
  type: 'git',
  label: 'Git',
  defaults: () => ({ source: 'github', project: '', slug: '', branch: '' }),
  Form: ({ trigger, onChange, idPrefix }) => (
    <>
      <SelectField
        id={`${idPrefix}-source`}
        label="Repository type"
        value={trigger.source ?? 'github'}
        options={['github', 'gitlab', 'bitbucket', 'stash']}
        onChange={(source) => onChange({ source })}
      />
      <TextField
        id={`${idPrefix}-project`}
        label="Organization or user"
        value={trigger.project}
        onChange={(project) => onChange({ project })}
      />
      <TextField
        id={`${idPrefix}-slug`}
        label="Project (repository)"
        value={trigger.slug}
        onChange={(slug) => onChange({ slug })}
      />
      <TextField
        id={`${idPrefix}-branch`}
        label="Branch (regex, optional)"
        value={trigger.branch}
        onChange={(branch) => onChange({ branch })}
      />
      <TextField
        id={`${idPrefix}-secret`}
        label="Secret (optional)"
        value={trigger.secret}
        onChange={(secret) => onChange({ secret: secret || undefined })}
      />
    </>
  ),
});
