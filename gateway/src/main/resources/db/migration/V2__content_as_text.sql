-- Resources are kept as the exact JSON text the FHIR encoder wrote (jsonb re-orders keys and re-spaces them), so
-- reads and searches can send the stored bytes as they are instead of parsing and encoding every resource.
-- Nothing queries inside the content (search uses the index tables), and text also saves the jsonb parse on write.
alter table fhir_resource alter column content type text using content::text;
alter table fhir_resource_version alter column content type text using content::text;
